package dev.zena.realtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zena.realtime.broker.RedisLink;
import dev.zena.realtime.config.ServerConfig;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.Stores;
import dev.zena.realtime.testing.ClusterNode;
import dev.zena.realtime.testing.TestPostgres;
import dev.zena.realtime.testing.TestRedis;
import dev.zena.realtime.testing.TestServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * How often a node keeps the cluster's identity record alive (SPEC §11), against a real Redis and PostgreSQL: every
 * {@link Cluster#IDENTITY_REFRESH_TICKS} ticks, and at the first tick after an outage of Redis, since a Redis back
 * from a restart may have lost the record (a node with another JWT key or store could then join unnoticed).
 */
@Timeout(90)
class ClusterIdentityCadenceTest {

    @TempDir
    Path dir;

    @Test
    void theRecordIsWrittenAgainEveryFifthTickAndAtTheFirstTickAfterRedisCameBack() throws Exception {
        String prefix = TestRedis.newPrefix();
        ServerConfig config = TestServer.config(
                dir, ClusterNode.settings(TestPostgres.shared().createDatabase(), prefix, "node-cadence"));
        try (Store store = Stores.open(config.db());
                Cluster cluster = Cluster.of(config, store, Clock.systemUTC())) {
            cluster.tick(0); // the first tick refreshes: the counter starts due
            assertThat(isRecorded(prefix)).isTrue();

            onRedis(prefix, (link, key) -> link.call(c -> c.del(key))); // as Redis forgetting it
            for (int tick = 1; tick < Cluster.IDENTITY_REFRESH_TICKS; tick++) {
                cluster.tick(0);
                assertThat(isRecorded(prefix)).as("after tick %d", tick).isFalse();
            }
            cluster.tick(0);
            assertThat(isRecorded(prefix)).isTrue();

            // an outage one tick after a refresh: the periodic refresh is four ticks away when Redis comes back
            TestRedis.get().stop();
            try {
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> !cluster.broker().isAvailable());
                cluster.tick(0);
            } finally {
                TestRedis.get().start(); // empty: the record is gone
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> cluster.broker().isAvailable());
            assertThat(isRecorded(prefix)).isFalse();
            cluster.tick(0);
            assertThat(isRecorded(prefix)).isTrue();
        }
    }

    private static boolean isRecorded(String prefix) {
        return onRedis(prefix, (link, key) -> link.call(c -> c.exists(key))) == 1;
    }

    /** Runs {@code command} on a link of its own with the identity record's key (ClusterIdentity's, "cluster"). */
    private static <T> T onRedis(String prefix, BiFunction<RedisLink, String, T> command) {
        try (RedisLink link = RedisLink.open(TestRedis.get().url(), prefix)) {
            return command.apply(link, link.globalKey("cluster"));
        }
    }
}
