package dev.zena.realtime.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zena.realtime.testing.TestClock;
import dev.zena.realtime.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** REST requests per user per minute (3 here), counted only after authentication. */
@Timeout(30)
class RestRateLimitTest {

    @TempDir
    static Path dir;

    static TestClock clock = TestClock.frozenNow();
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir, Map.of("limits.rest_per_user", "3"), "fixtures/basic.json", clock);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void overTheRateA429WithRetryAfterUntilATokenIsBack() {
        String token = server.token("acme-pm");
        for (int i = 0; i < 3; i++) {
            assertThat(server.get("/api/v1/app/tasks", token).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> refused = server.get("/api/v1/app/projects", token);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("20");
        assertThat(refused.body()).contains("\"code\":\"RATE_LIMITED\"").contains("\"status\":429");
        assertThat(server.get("/api/v1/app/tasks", server.token("acme-member")).statusCode())
                .as("another user")
                .isEqualTo(200);
        clock.advance(Duration.ofSeconds(20));
        assertThat(server.get("/api/v1/app/tasks", token).statusCode()).isEqualTo(200);
    }

    @Test
    void anUnauthenticatedRequestStays401() {
        for (int i = 0; i < 6; i++) {
            assertThat(server.get("/api/v1/app/tasks", "garbage").statusCode()).isEqualTo(401);
            assertThat(server.get("/api/v1/app/tasks", null).statusCode()).isEqualTo(401);
        }
    }
}
