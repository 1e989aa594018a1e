package dev.zena.realtime.console.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zena.realtime.console.client.FeedEvent;
import dev.zena.realtime.console.client.HttpAdminClient;
import dev.zena.realtime.console.client.LinkStatus;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The banner's states against a real embedded server: refused token, stop (unreachable), start (reconnected). */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class LinkAgainstRealServerTest {

    private static LiveServer live;

    @BeforeAll
    static void start() throws Exception {
        live = new LiveServer();
    }

    @AfterAll
    static void stop() {
        live.stop();
    }

    @Test
    void aForeignTokenIsRefused() {
        try (HttpAdminClient client = new HttpAdminClient(live.server.address(), () -> "not.a.token")) {
            client.startFeed();
            await().atMost(30, TimeUnit.SECONDS).until(() -> client.linkState().status() == LinkStatus.TOKEN_REFUSED);
        }
    }

    @Test
    void theFeedComesBackAfterTheServerRestarts() {
        List<FeedEvent> events = new CopyOnWriteArrayList<>();
        try (HttpAdminClient client = new HttpAdminClient(live.server.address(), live.server::adminToken)) {
            client.onFeed(events::add);
            client.startFeed();
            await().atMost(30, TimeUnit.SECONDS).until(() -> events.contains(new FeedEvent.Hello("*")));
            assertThat(client.linkState().status()).isEqualTo(LinkStatus.CONNECTED);

            live.server.stop();
            await().atMost(30, TimeUnit.SECONDS).until(() -> client.linkState().status() == LinkStatus.UNREACHABLE);
            events.clear();

            live.server.start();
            await().atMost(40, TimeUnit.SECONDS).until(() -> events.contains(new FeedEvent.Hello("*")));
            assertThat(client.linkState().status()).isEqualTo(LinkStatus.CONNECTED);
        }
    }
}
