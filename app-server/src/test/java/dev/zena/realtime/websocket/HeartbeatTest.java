package dev.zena.realtime.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zena.realtime.hub.Connection;
import dev.zena.realtime.testing.TestServer;
import dev.zena.realtime.testing.WsClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** SPEC §3 heartbeat with real clients: pings every 0.5 s, 4002 after 1.5 s without any inbound frame. */
@Timeout(30)
class HeartbeatTest {

    @TempDir
    static Path dir;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(
                dir, Map.of("heartbeat.interval", "0.5s", "heartbeat.timeout", "1.5s"), "fixtures/basic.json");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aClientThatStopsAnsweringIsClosedWith4002WhileAResponsiveIdleOneStays() {
        WsClient silent = WsClient.connect(server.ws(null));
        String silentId = silent.next().path("connection_id").asText();
        try (silent;
                WsClient responsive = WsClient.connect(server.ws(null))) {
            String responsiveId = responsive.next().path("connection_id").asText();
            silent.silence();
            long silencedAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(6)).until(() -> !isOpenOnServer(silentId));
            assertThat(Duration.ofNanos(System.nanoTime() - silencedAt))
                    .as("not before the timeout")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(1000));
            silent.resume();
            assertThat(silent.awaitClose(WsClient.WAIT)).isEqualTo(4002);
            assertThat(silent.closeReason()).isEqualTo("heartbeat timeout");
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> server.server().hub().connection(silentId).isEmpty());

            // The responsive client sent no message either: only its automatic pongs keep it alive.
            await().during(Duration.ofMillis(1600))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> isOpenOnServer(responsiveId) && !responsive.isClosed());
            assertThat(server.server().hub().connection(responsiveId).map(Connection::messagesIn))
                    .hasValue(0L);
        }
    }

    private static boolean isOpenOnServer(String id) {
        return server.server().hub().connection(id).map(Connection::isOpen).orElse(false);
    }
}
