package dev.zena.realtime.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zena.realtime.testing.TestServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fan-out scenario through {@code /app/{key}} (Pusher protocol 7, issue 16 item 6) in seconds, against a real
 * server in this JVM: each subscriber gets its channel's {@code auth} from the server's own
 * {@code POST /broadcasting/auth}, events are published through the signed Pusher HTTP API, and every event must
 * reach every subscriber exactly once, in a cold and a warm window. Counts only, no timing: the figures come from
 * {@code bench/run.sh fanout PROTOCOL=both PEERS=soketi}.
 */
@Timeout(120)
class ShortPusherFanoutTest {

    static final String APP_ID = "bench";
    static final String KEY = "bench-key";
    static final String SECRET = "bench-pusher-secret-0123456789-0123456789";

    @TempDir
    Path dir;

    static Map<String, String> settings() {
        Map<String, String> s = ShortScenariosTest.settings();
        s.put("pusher.app_id", APP_ID);
        s.put("pusher.key", KEY);
        s.put("pusher.secret", SECRET);
        s.put("limits.handshakes_per_ip", "100000");
        s.put("limits.connections_per_ip", "10000");
        return s;
    }

    static Map<String, Object> fanout(int port, String pusherAuth, String secret) {
        return ShortScenariosTest.run(
                "fanout",
                port,
                "--target",
                "zena-pusher",
                "--dialect",
                "pusher",
                "--ws-path",
                "/app/" + KEY,
                "--pusher-app-id",
                APP_ID,
                "--pusher-key",
                KEY,
                "--pusher-secret",
                secret,
                "--pusher-auth",
                pusherAuth,
                "--subscribers",
                "40",
                "--users",
                "40",
                "--warmup",
                "0.5",
                "--duration",
                "1",
                "--warm-at",
                "2",
                "--connect-timeout",
                "30");
    }

    @Test
    void everyEventThroughAppKeyReachesEverySubscriberOnceInBothWindows() throws Exception {
        try (TestServer server = TestServer.start(dir, settings(), null)) {
            ShortScenariosTest.load(server, 40, 1);
            Map<String, Object> m = fanout(server.port(), "endpoint", SECRET);
            assertThat(m)
                    .as(m.toString())
                    .containsEntry("connections_failed", 0L)
                    .containsEntry("subscribers_ready", 40L)
                    .containsEntry("publishes_refused", 0L)
                    .containsEntry("lost", 0L)
                    .containsEntry("duplicates", 0L)
                    .containsEntry("offset_gaps_unfilled", 0L)
                    .containsKeys("server_cpu_us_per_delivery", "warm_server_cpu_us_per_delivery");
            assertThat((Long) m.get("publishes_accepted")).as(m.toString()).isPositive();
            assertThat((Double) m.get("warm_deliveries_per_s")).as(m.toString()).isPositive();
        }
    }

    @Test
    void anAuthNotSignedWithTheAppSecretIsRefusedAndEverySubscriberCountedFailed() throws Exception {
        try (TestServer server = TestServer.start(dir, settings(), null)) {
            ShortScenariosTest.load(server, 5, 1);
            Map<String, Object> m = ShortScenariosTest.run(
                    "fanout",
                    server.port(),
                    "--target",
                    "zena-pusher",
                    "--dialect",
                    "pusher",
                    "--ws-path",
                    "/app/" + KEY,
                    "--pusher-app-id",
                    APP_ID,
                    "--pusher-key",
                    KEY,
                    "--pusher-secret",
                    "not-the-app-secret-0123456789-0123456789",
                    "--pusher-auth",
                    "local",
                    "--subscribers",
                    "5",
                    "--warmup",
                    "0.2",
                    "--duration",
                    "0.5",
                    "--connect-timeout",
                    "20");
            assertThat(m)
                    .as(m.toString())
                    .containsEntry("subscribers_ready", 0L)
                    .containsEntry("connections_failed", 5L)
                    .containsEntry("publishes_accepted", 0L);
            assertThat((Long) m.get("publishes_refused")).as(m.toString()).isPositive();
        }
    }
}
