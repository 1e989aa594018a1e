package dev.zena.realtime.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zena.realtime.bench.report.Markdown;
import dev.zena.realtime.testing.ClusterNode;
import dev.zena.realtime.testing.TestPostgres;
import dev.zena.realtime.testing.TestRedis;
import dev.zena.realtime.testing.TestServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster scenario in seconds: two nodes in this JVM on a real Redis and a real PostgreSQL (started by the
 * server's test harness), subscribers split over both, publishes to node A. Every subscriber of either node must
 * get every event once and in order, and the remote side must be measured at all; no timing is asserted.
 */
@Timeout(120)
class ShortClusterScenarioTest {

    @TempDir
    Path dir;

    static Map<String, String> node(String db, String prefix, String id) {
        Map<String, String> s = ShortScenariosTest.settings();
        s.putAll(ClusterNode.settings(db, prefix, id));
        return s;
    }

    @Test
    void subscribersOfBothNodesGetEveryEventOnceAndInOrder() throws Exception {
        String db = TestPostgres.shared().createDatabase();
        String prefix = TestRedis.newPrefix();
        try (TestServer a = TestServer.start(dir.resolve("a"), node(db, prefix, "bench-a"), null)) {
            ShortScenariosTest.load(a, 20, 1);
            try (TestServer b = TestServer.start(dir.resolve("b"), node(db, prefix, "bench-b"), null)) {
                Map<String, Object> m = ShortScenariosTest.run(
                        "cluster",
                        a.port(),
                        "--port-b",
                        String.valueOf(b.port()),
                        "--subscribers",
                        "20",
                        "--rate",
                        "20",
                        "--warmup",
                        "0.5",
                        "--warm-at",
                        "2",
                        "--duration",
                        "1");
                assertThat(m)
                        .as(m.toString())
                        .containsEntry("subscribers_node_a", 10L)
                        .containsEntry("subscribers_node_b", 10L)
                        .containsEntry("publishes_refused", 0L)
                        .containsEntry("lost", 0L)
                        .containsEntry("duplicates", 0L)
                        .containsEntry("reordered", 0L)
                        .containsEntry("offset_gaps_unfilled", 0L)
                        .containsKeys("cold_latency_remote_p99_ms", "warm_latency_remote_p99_ms");
                assertThat((Long) m.get("publishes_accepted")).isGreaterThanOrEqualTo(40);
            }
        }
    }

    @Test
    void thePairedRunAlternatesItsPublishesAndEverySubscriberOfEitherSideGetsEachOnceAndInOrder() throws Exception {
        String db = TestPostgres.shared().createDatabase();
        String prefix = TestRedis.newPrefix();
        try (TestServer a = TestServer.start(dir.resolve("a"), node(db, prefix, "paired-a"), null)) {
            ShortScenariosTest.load(a, 20, 1);
            try (TestServer b = TestServer.start(dir.resolve("b"), node(db, prefix, "paired-b"), null);
                    TestServer single = TestServer.start(dir.resolve("s"), ShortScenariosTest.settings(), null)) {
                ShortScenariosTest.load(single, 20, 1);
                Map<String, Object> result = ShortScenariosTest.result(
                        "cluster",
                        a.port(),
                        "--port-b",
                        String.valueOf(b.port()),
                        "--single-port",
                        String.valueOf(single.port()),
                        "--single-pid",
                        String.valueOf(ProcessHandle.current().pid()),
                        "--subscribers",
                        "20",
                        "--rate",
                        "20",
                        "--warmup",
                        "0.5",
                        "--warm-at",
                        "3",
                        "--duration",
                        "2",
                        "--phase",
                        "0.5");
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) result.get("metrics");
                assertThat(m)
                        .as(m.toString())
                        .containsEntry("subscribers_node_a", 10L)
                        .containsEntry("subscribers_node_b", 10L)
                        .containsEntry("subscribers_single", 20L)
                        .containsEntry("connections_requested", 40L)
                        .containsEntry("connections_failed", 0L)
                        .doesNotContainKey("connect_auth_subscribe_per_s")
                        .containsEntry("publishes_refused", 0L)
                        .containsEntry("single_publishes_refused", 0L)
                        .containsEntry("lost", 0L)
                        .containsEntry("single_lost", 0L)
                        .containsEntry("duplicates", 0L)
                        .containsEntry("single_duplicates", 0L)
                        .containsEntry("reordered", 0L)
                        .containsEntry("single_reordered", 0L)
                        .containsEntry("offset_gaps_unfilled", 0L)
                        .containsKeys(
                                "cold_cluster_over_single_cpu_per_delivery",
                                "warm_cluster_over_single_cpu_per_delivery",
                                "warm_remote_minus_local_p99_ms",
                                "warm_single_latency_p99_ms");
                assertThat((Long) m.get("cold_phases"))
                        .as("cluster phases in the cold window")
                        .isPositive();
                assertThat((Long) m.get("cold_single_phases"))
                        .as("single phases in the cold window")
                        .isPositive();
                assertThat((Long) m.get("publishes_accepted")).isGreaterThanOrEqualTo(20);
                assertThat((Long) m.get("single_publishes_accepted")).isGreaterThanOrEqualTo(20);
                // the nodes run in this JVM, so each side's rows are this JVM's threads: the HTTP threads publish
                @SuppressWarnings("unchecked")
                Map<String, Map<String, Double>> byThread = (Map<String, Map<String, Double>>)
                        ((Map<String, Object>) result.get("details")).get(Markdown.BY_THREAD);
                assertThat(byThread).as(String.valueOf(byThread)).containsOnlyKeys("cold", "warm");
                for (Map<String, Double> rows : byThread.values()) {
                    assertThat(rows).containsKeys("node_a http", "single http");
                    assertThat(rows.values()).allSatisfy(v -> assertThat(v).isPositive());
                }
            }
        }
    }
}
