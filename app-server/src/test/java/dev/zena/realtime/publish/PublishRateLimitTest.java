package dev.zena.realtime.publish;

import static dev.zena.realtime.publish.SignedRequests.KEY;
import static dev.zena.realtime.publish.SignedRequests.SECRET;
import static dev.zena.realtime.publish.SignedRequests.post;
import static dev.zena.realtime.publish.SignedRequests.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zena.realtime.testing.TestClock;
import dev.zena.realtime.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** SPEC §5: publish/sync requests per key — over the limit, 429 with Retry-After, never for a bad signature. */
@Timeout(30)
class PublishRateLimitTest {

    @TempDir
    Path dir;

    @Test
    void aKeyOverItsRateGets429WithRetryAfter() {
        // A clock that stands still: on a loaded machine four requests may take longer than a token's refill.
        try (TestServer server = TestServer.start(
                dir,
                Map.of("publish.key", KEY, "publish.secret", SECRET, "limits.publish_per_key", "3"),
                "fixtures/basic.json",
                TestClock.frozenNow())) {
            for (int i = 0; i < 3; i++) {
                assertThat(broadcast(server, i).statusCode()).isEqualTo(200);
            }
            HttpResponse<String> refused = broadcast(server, 99);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(refused.body()).contains("\"code\":\"RATE_LIMITED\"");
            byte[] body = body(100);
            assertThat(post(server, "/api/v1/broadcast", body, Map.of()).statusCode())
                    .as("an unsigned request is still a 401, not a 429")
                    .isEqualTo(401);
        }
    }

    @Test
    void aRequestRefusedByTheRateIsNotBurntByTheReplayGuard() {
        try (TestServer server = TestServer.start(
                dir,
                Map.of("publish.key", KEY, "publish.secret", SECRET, "limits.publish_per_key", "2"),
                "fixtures/basic.json")) {
            assertThat(broadcast(server, 1).statusCode()).isEqualTo(200);
            assertThat(broadcast(server, 2).statusCode()).isEqualTo(200);
            byte[] body = body(3);
            Map<String, String> headers = signed(body);
            assertThat(post(server, "/api/v1/broadcast", body, headers).statusCode())
                    .isEqualTo(429);
            // The same signed request, retried after the refill as Retry-After says, is accepted once ...
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(200))
                    .until(
                            () -> post(server, "/api/v1/broadcast", body, headers)
                                    .statusCode(),
                            status -> status == 200);
            // ... and only once: now it is a replay (a 401 once the rate lets it through, never a 200).
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(200))
                    .until(
                            () -> post(server, "/api/v1/broadcast", body, headers)
                                    .statusCode(),
                            status -> {
                                assertThat(status).isIn(401, 429);
                                return status == 401;
                            });
        }
    }

    private static HttpResponse<String> broadcast(TestServer server, int n) {
        byte[] body = body(n);
        return post(server, "/api/v1/broadcast", body, signed(body));
    }

    private static byte[] body(int n) {
        return ("{\"tenant_id\":\"acme\",\"channel\":\"project.acme-tower\",\"event\":\"e\",\"data\":{\"n\":" + n
                        + "}}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
