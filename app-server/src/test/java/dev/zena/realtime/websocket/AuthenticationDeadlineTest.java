package dev.zena.realtime.websocket;

import dev.zena.realtime.testing.TestServer;
import dev.zena.realtime.testing.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The authentication deadline (close 4001), with a short deadline configured. */
@Timeout(30)
class AuthenticationDeadlineTest {

    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir, Map.of("auth.deadline", "1s"), "fixtures/basic.json");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void closesAnUnauthenticatedConnectionWith4001AfterTheDeadline() {
        try (WsClient client = server.client()) {
            client.request("{\"type\":\"authenticate\",\"token\":\"wrong\"}");
            assertThat(client.awaitClose(Duration.ofSeconds(5))).isEqualTo(4001);
        }
    }

    @Test
    void keepsAnAuthenticatedConnectionPastTheDeadline() {
        try (WsClient client = server.clientAs("acme-member")) {
            assertThat(client.isQuietFor(Duration.ofMillis(1600))).isTrue();
            assertThat(client.isClosed()).isFalse();
            assertThat(client.request("{\"type\":\"ping\"}").path("type").asText()).isEqualTo("pong");
        }
    }
}
