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
            String record = prefix + ":cluster";
            cluster.tick(0); // the first tick refreshes: the counter starts due
            assertThat(exists(prefix, record)).isTrue();

            delete(prefix, record); // as Redis forgetting it
            for (int tick = 1; tick < Cluster.IDENTITY_REFRESH_TICKS; tick++) {
                cluster.tick(0);
                assertThat(exists(prefix, record)).as("after tick %d", tick).isFalse();
            }
            cluster.tick(0);
            assertThat(exists(prefix, record)).isTrue();

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
            assertThat(exists(prefix, record)).isFalse();
            cluster.tick(0);
            assertThat(exists(prefix, record)).isTrue();
        }
    }

    private static boolean exists(String prefix, String key) {
        try (RedisLink probe = RedisLink.open(TestRedis.get().url(), prefix)) {
            return probe.call(c -> c.exists(key)) == 1;
        }
    }

    private static void delete(String prefix, String key) {
        try (RedisLink probe = RedisLink.open(TestRedis.get().url(), prefix)) {
            probe.call(c -> c.del(key));
        }
    }
}
