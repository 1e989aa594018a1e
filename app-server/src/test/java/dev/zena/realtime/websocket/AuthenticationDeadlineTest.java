package dev.zena.realtime.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zena.realtime.testing.TestClock;
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

/**
 * The authentication deadline (close 4001), on the server's injected clock: the test moves the clock past the
 * deadline instead of waiting for it, and the ticker's next sweep (every 200 ms) must act.
 */
@Timeout(30)
class AuthenticationDeadlineTest {

    @TempDir
    static Path dir;

    static TestServer server;
    static final TestClock CLOCK = TestClock.frozenNow();

    @BeforeAll
    static void start() {
        server = TestServer.start(dir, Map.of("auth.deadline", "10s"), "fixtures/basic.json", CLOCK);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void closesAnUnauthenticatedConnectionWith4001AfterTheDeadline() {
        try (WsClient client = server.client()) {
            client.request("{\"type\":\"authenticate\",\"token\":\"wrong\"}");
            client.assertNothingBeforeSentinel();
            CLOCK.advance(Duration.ofSeconds(11));
            assertThat(client.awaitClose(Duration.ofSeconds(5))).isEqualTo(4001);
        }
    }

    @Test
    void keepsAnAuthenticatedConnectionPastTheDeadline() {
        try (WsClient client = server.clientAs("acme-member");
                WsClient late = server.client()) {
            late.assertNothingBeforeSentinel();
            CLOCK.advance(Duration.ofSeconds(11));
            // The sentinel: a sweep after the clock moved closes the unauthenticated one; that same sweep kept this.
            assertThat(late.awaitClose(Duration.ofSeconds(5))).isEqualTo(4001);
            client.assertNothingBeforeSentinel();
            assertThat(client.isClosed()).isFalse();
            assertThat(client.request("{\"type\":\"ping\"}").path("type").asText())
                    .isEqualTo("pong");
        }
    }
}
