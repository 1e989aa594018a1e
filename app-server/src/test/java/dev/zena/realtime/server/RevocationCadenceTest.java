package dev.zena.realtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zena.realtime.config.ServerConfig;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.Stores;
import dev.zena.realtime.testing.StoreProxy;
import dev.zena.realtime.testing.TestServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The revocation thread's cadence against the store's watch (SPEC §4.2, §11): every sweep while nothing wakes it,
 * only every {@link Server#WATCHED_POLL_MILLIS} while the store wakes it at each commit, at once on a wake-up, and
 * every sweep again within {@link Server#WATCH_CHECK_MILLIS} of the watch being lost.
 */
@Timeout(60)
class RevocationCadenceTest {

    @TempDir
    Path dir;

    /** A SQLite store that says it watches while {@code isWatching} is set; counts the revocation thread's polls. */
    private static final class WatchedStore {
        final AtomicBoolean isWatching = new AtomicBoolean(true);
        final AtomicInteger polls = new AtomicInteger();
        final List<Runnable> callbacks = new CopyOnWriteArrayList<>();
        final Store proxy;

        WatchedStore(Store store) {
            proxy = StoreProxy.around(store, (method, args, forward) -> {
                switch (method) {
                    case "isWatchingChanges":
                        return isWatching.get();
                    case "onChange":
                        callbacks.add((Runnable) args[0]);
                        return null;
                    case "lastChangeSeq":
                        if (Thread.currentThread().getName().startsWith("zena-revocation")) {
                            polls.incrementAndGet(); // LiveRevocation.poll's first read
                        }
                        return forward.call();
                    default:
                        return forward.call();
                }
            });
        }

        void wake() {
            callbacks.forEach(Runnable::run);
        }
    }

    @Test
    void aWatchedStoreIsPolledRarelyAWakeUpPollsAtOnceAndALostWatchBringsBackEverySweep() throws Exception {
        ServerConfig config = TestServer.config(dir, Map.of());
        try (Store store = Stores.open(config.db())) {
            WatchedStore watched = new WatchedStore(store);
            try (Server server = Server.start(config, watched.proxy, Clock.systemUTC())) {
                assertThat(watched.callbacks).hasSize(1);
                // the first sweep polls (as if a watched interval had passed), then the thread waits for the next
                await().atMost(Duration.ofSeconds(5)).until(() -> watched.polls.get() >= 1);
                int afterFirst = watched.polls.get();
                // polling every sweep would have polled ~10 times in these 2 s, the old 1 s safety net twice
                await().during(Duration.ofSeconds(2))
                        .atMost(Duration.ofSeconds(3))
                        .until(() -> watched.polls.get() == afterFirst);

                watched.wake(); // a commit, as PostgreSQL's listener reports it
                await().atMost(Duration.ofSeconds(1)).until(() -> watched.polls.get() == afterFirst + 1);

                // the listener lost its connection: the next watched poll is ~3 s away, but the thread looks at
                // the watch within WATCH_CHECK_MILLIS and polls every sweep from then on
                watched.isWatching.set(false);
                int beforeLoss = watched.polls.get();
                await().atMost(Duration.ofMillis(Server.WATCH_CHECK_MILLIS + 1_000))
                        .until(() -> watched.polls.get() >= beforeLoss + 3);
            }
        }
    }
}
