package dev.zena.realtime.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zena.realtime.bench.Options;
import dev.zena.realtime.sync.Importer;
import dev.zena.realtime.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recovery, presence and history-memory scenarios in seconds, against a real server in this JVM: what they
 * count must be exact (every client recovers every missed event once and in order, one joined and one left per
 * user, history kept and then gone after the TTL). No timing is asserted: the figures come from bench/run.sh.
 */
@Timeout(120)
class ShortScenariosTest {

    static final String PUBLISH_KEY = "bench-test-key";
    static final String PUBLISH_SECRET = "bench-test-publish-secret-0123456789-0123456789";

    @TempDir
    Path dir;

    /** The settings every short run needs: a publish key, and the guards raised as run.sh raises them. */
    static Map<String, String> settings() {
        Map<String, String> s = new HashMap<>();
        s.put("publish.key", PUBLISH_KEY);
        s.put("publish.secret", PUBLISH_SECRET);
        s.put("limits.connections_per_tenant", "10000");
        s.put("limits.rest_per_user", "100000");
        s.put("limits.publish_per_key", "100000");
        return s;
    }

    /** Loads the bench's own data (users bench-u0.., tasks bench-t1..) into the server's store. */
    static void load(TestServer server, int users, int tasks) throws Exception {
        new Importer(server.store())
                .importDocument(BenchData.importDocument(users, tasks).getBytes(StandardCharsets.UTF_8), false);
    }

    static Map<String, Object> run(String scenario, int port, String... options) {
        @SuppressWarnings("unchecked")
        Map<String, Object> metrics =
                (Map<String, Object>) result(scenario, port, options).get("metrics");
        System.out.println(scenario + " " + metrics);
        return metrics;
    }

    /** The whole result of a scenario run against this JVM's servers: metrics, details and settings. */
    static Map<String, Object> result(String scenario, int port, String... options) {
        List<String> args = new ArrayList<>(List.of(
                "--port",
                String.valueOf(port),
                "--server-pid",
                String.valueOf(ProcessHandle.current().pid())));
        args.addAll(List.of(options));
        Scenarios scenarios = new Scenarios(
                Options.parse(args.toArray(String[]::new), 0), TestServer.SECRET, PUBLISH_KEY, PUBLISH_SECRET);
        return scenarios.run(scenario);
    }

    @Test
    void everyClientRecoversEveryMissedEventOnceAndInOrderColdAndWarm() throws Exception {
        try (TestServer server = TestServer.start(dir, settings(), null)) {
            load(server, 60, 1);
            Map<String, Object> m = run("recovery", server.port(), "--clients", "60", "--missed", "25");
            for (String storm : List.of("recovery_cold", "recovery_warm")) {
                assertThat(m)
                        .as(storm + ": " + m)
                        .containsEntry(storm + "_missed_events_published", 25L)
                        .containsEntry(storm + "_clients_recovered", 60L)
                        .containsEntry(storm + "_clients_refused", 0L)
                        .containsEntry(storm + "_clients_complete", 60L)
                        .containsEntry(storm + "_events_owed", 60L * 25)
                        .containsEntry(storm + "_events_marked_recovered", 60L * 25)
                        .containsEntry(storm + "_events_live", 0L)
                        .containsEntry(storm + "_duplicates", 0L)
                        .containsEntry(storm + "_gaps", 0L)
                        .containsEntry(storm + "_errors", 0L);
            }
            assertThat(m)
                    .as(m.toString())
                    .containsEntry("control_clients_recovered", 60L)
                    .containsEntry("control_events_owed", 0L)
                    .containsEntry("control_events_marked_recovered", 0L)
                    .containsEntry("control_errors", 0L);
        }
    }

    @Test
    void recoveryBeyondTheHistoryIsRefusedWithItsReasonAndNothingIsReplayed() throws Exception {
        Map<String, String> small = settings();
        small.put("history.size", "10");
        try (TestServer server = TestServer.start(dir, small, null)) {
            load(server, 5, 1);
            Map<String, Object> m = run(
                    "recovery", server.port(), "--clients", "5", "--missed", "15", "--storms", "1", "--control", "0");
            assertThat(m)
                    .as(m.toString())
                    .containsEntry("recovery_clients_recovered", 0L)
                    .containsEntry("recovery_clients_refused", 5L)
                    .containsEntry("recovery_events_marked_recovered", 0L)
                    .containsEntry("recovery_events_live", 0L);
        }
    }

    @Test
    void presenceChurnAnnouncesOneJoinedAndOneLeftPerUser() throws Exception {
        Map<String, String> s = settings();
        s.put("presence.leave_grace", "1s");
        try (TestServer server = TestServer.start(dir, s, null)) {
            load(server, 40, 1);
            Map<String, Object> m = run(
                    "presence",
                    server.port(),
                    "--connections",
                    "40",
                    "--churn-rate",
                    "100",
                    "--hold",
                    "0.2",
                    "--leave-grace",
                    "1",
                    "--passes",
                    "2");
            for (String pass : List.of("cold_", "warm_")) {
                assertThat(m)
                        .as(pass + ": " + m)
                        .containsEntry(pass + "connections_subscribed", 40L)
                        .containsEntry(pass + "joined_events", 40L)
                        .containsEntry(pass + "left_events", 40L)
                        .containsEntry(pass + "users_joined_and_left_exactly_once", 40L)
                        .containsEntry(pass + "users_miscounted", 0L)
                        .containsEntry(pass + "presence_summaries", 0L)
                        .containsEntry(pass + "observer_errors", 0L);
            }
        }
    }

    @Test
    void historyIsKeptUpToItsSizeThenGoneAfterTheTtl() throws Exception {
        Map<String, String> s = settings();
        s.put("history.size", "10");
        s.put("history.ttl", "6s"); // long enough to publish 50 events on a busy machine
        try (TestServer server = TestServer.start(dir, s, null)) {
            load(server, 1, 5);
            Map<String, Object> m = run(
                    "history-memory",
                    server.port(),
                    "--channels",
                    "5",
                    "--events",
                    "10",
                    "--ttl",
                    "6",
                    "--payload",
                    "50");
            assertThat(m)
                    .as(m.toString())
                    .containsEntry("publishes_accepted", 50L)
                    .containsEntry("publishes_refused", 0L)
                    .containsEntry("history_kept_channel_1_full", 10)
                    .containsEntry("history_kept_channel_1_after_ttl", 0);
            assertThat((Long) m.get("live_heap_kib_full"))
                    .as("jcmd read the heap")
                    .isPositive();
        }
    }
}
