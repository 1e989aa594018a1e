package dev.zena.realtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zena.realtime.config.ServerConfig;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.Stores;
import dev.zena.realtime.sync.Importer;
import dev.zena.realtime.testing.StoreProxy;
import dev.zena.realtime.testing.TestServer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** ADR 0036: a server keeps its users before it opens its port, through the store's own preload. */
@Timeout(30)
class UserPreloadTest {

    @TempDir
    Path dir;

    @Test
    void theServerPreloadsTheStoresUsersOnceBeforeItListens() throws Exception {
        ServerConfig config = TestServer.config(dir, Map.of());
        List<String> calls = new ArrayList<>();
        try (Store store = Stores.open(config.db())) {
            new Importer(store).importDocument(TestServer.resource("fixtures/basic.json"), false);
            int users = store.allUsers().size();
            Store watched = StoreProxy.around(store, (method, args, forward) -> {
                Object result = forward.call();
                if (method.equals("preloadUsers")) {
                    calls.add(args[0] + " -> " + result);
                }
                return result;
            });

            try (Server server = Server.start(config, watched, Clock.systemUTC())) {
                assertThat(server.port()).isPositive();
                assertThat(calls).containsExactly(Server.PRELOADED_USERS + " -> " + users);
            }
        }
    }
}
