package dev.zena.realtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zena.realtime.testing.RawUpgrade;
import dev.zena.realtime.testing.TestServer;
import dev.zena.realtime.testing.WsClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** SPEC §6 health and graceful shutdown through the Server API (drain.timeout 2 s here). */
@Timeout(30)
class HealthAndDrainTest {

    @TempDir
    Path dir;

    TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(dir, Map.of("drain.timeout", "2s"), "fixtures/basic.json");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void liveAndReadyWithoutToken() {
        HttpResponse<String> live = server.get("/health/live", null);
        assertThat(live.statusCode()).isEqualTo(200);
        HttpResponse<String> ready = server.get("/health/ready", null);
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("{\"status\":\"ready\",\"store\":\"ok\",\"broker\":\"ok\"}");
    }

    @Test
    void notReadyWhenTheStoreIsUnreachable() {
        server.store().close();
        HttpResponse<String> ready = server.get("/health/ready", null);
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("\"store\":\"unreachable\"");
        assertThat(server.get("/health/live", null).statusCode()).isEqualTo(200);
    }

    @Test
    void drainingTurnsReadinessOffRefusesHandshakesAndClosesEveryConnectionWith1001InBatches() {
        List<WsClient> clients = new ArrayList<>();
        clients.add(server.clientAs("acme-member"));
        clients.add(server.clientAs("globex-member"));
        clients.add(server.client());
        CompletableFuture<Void> drained =
                CompletableFuture.runAsync(() -> server.server().drain());

        await().atMost(Duration.ofSeconds(2)).until(() -> server.server().isDraining());
        HttpResponse<String> ready = server.get("/health/ready", null);
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("\"status\":\"draining\"");
        RawUpgrade.Answer refused = RawUpgrade.send(server.port(), "/ws", Map.of());
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.body()).contains("\"code\":\"DRAINING\"").contains("\"status\":503");
        for (WsClient client : clients) {
            assertThat(client.awaitClose(Duration.ofSeconds(5))).isEqualTo(1001);
        }
        drained.orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).join();
        assertThat(server.server().hub().connections()).isEmpty();
        assertThat(server.get("/health/ready", null).statusCode())
                .as("stays draining")
                .isEqualTo(503);
        clients.forEach(WsClient::close);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} connections, drain {1} s: {2} per batch")
    @org.junit.jupiter.params.provider.CsvSource({
        "3, 2, 1",
        "16, 2, 1",
        "17, 2, 2",
        "18000, 10, 225",
        "0, 10, 1",
        "5, 0, 5"
    })
    void connectionsAreClosedInBatchesSpreadOverMostOfTheDrainTime(int connections, int seconds, int batch) {
        // 2 s: 16 steps of 100 ms over 80 % of it; 10 s: 80 steps. The pacing itself is real time, not tested here.
        assertThat(Drain.batchSize(connections, Duration.ofSeconds(seconds))).isEqualTo(batch);
    }
}
