package dev.zena.realtime.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zena.realtime.testing.LogCapture;
import dev.zena.realtime.testing.TestServer;
import dev.zena.realtime.testing.WsClient;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bounded network fuzz (issue 18 item 3): hostile connections from {@link HostileClient} against a real server
 * until {@code fuzz.iterations} hostile frames and handshakes are sent (1,000 in CI, 100,000 by the bench), then: the server still answers a well-behaved client, every hostile
 * connection is gone from the hub, and the log holds no ERROR and no exception. The long run is
 * {@code bench/run.sh fuzz}, which sets {@code fuzz.iterations} and {@code fuzz.report} (a file for the figures).
 */
@Timeout(value = 6, unit = TimeUnit.HOURS) // the CI run takes seconds; the bench run's own size bounds it
class NetworkFuzzTest {

    @TempDir
    Path dir;

    @Test
    void hostileFramesAndHandshakesLeaveTheServerHealthyAndTheLogClean() throws IOException {
        int iterations = Integer.getInteger("fuzz.iterations", 1_000);
        long seed = Long.getLong("fuzz.seed", 18L);
        TestServer server = TestServer.start(
                dir,
                Map.of(
                        "limits.handshakes_per_ip",
                        "1000000",
                        "limits.connections_per_ip",
                        "100000",
                        "limits.header_timeout",
                        "2s"),
                "fixtures/basic.json");
        try (server;
                LogCapture logs = LogCapture.startProblemsOnly();
                HostileClient client = new HostileClient(server.port(), seed)) {
            long heapBefore = heapAfterGc();
            long started = System.nanoTime();
            int connections = 0;
            while (client.frames() + client.handshakes() < iterations) {
                client.play();
                if (++connections % 100 == 0) {
                    assertStillServes(server); // a crash or a wedged server shows here, not only at the end
                }
            }
            client.close();
            assertStillServes(server);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(server.server().hub().connections())
                            .as("hostile connections left")
                            .isEmpty());
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
            long heapAfter = heapAfterGc();

            assertThat(logs.problems())
                    .as("ERRORs or exceptions in the server's log")
                    .isEmpty();
            report(String.format(
                    "iterations=%d seed=%d connections=%d frames=%d handshakes=%d seconds=%d crashes=0"
                            + " unhandled_exceptions=%d heap_before_mb=%.1f heap_after_mb=%.1f",
                    iterations,
                    seed,
                    connections,
                    client.frames(),
                    client.handshakes(),
                    seconds,
                    logs.problems().size(),
                    heapBefore / 1048576.0,
                    heapAfter / 1048576.0));
        }
    }

    private static void assertStillServes(TestServer server) {
        try (WsClient member = server.clientAs("acme-member")) {
            member.send("{\"type\":\"ping\",\"id\":\"alive\"}");
            assertThat(member.nextOfType("pong").path("id").asText()).isEqualTo("alive");
        }
    }

    /** Heap in use after two full collections: what the server still holds, not garbage waiting. */
    private static long heapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void report(String line) throws IOException {
        System.out.println("fuzz: " + line);
        String file = System.getProperty("fuzz.report");
        if (file != null) {
            Files.writeString(Path.of(file), line + "\n", StandardCharsets.UTF_8);
        }
    }
}
