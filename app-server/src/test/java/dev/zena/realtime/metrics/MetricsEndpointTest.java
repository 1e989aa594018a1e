package dev.zena.realtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zena.realtime.testing.RawUpgrade;
import dev.zena.realtime.testing.TestClock;
import dev.zena.realtime.testing.TestServer;
import dev.zena.realtime.testing.WsClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §6 metrics: known traffic (frames, malformed, refused and dropped ones, events, a refused handshake) on a
 * stopped clock, then the endpoint's figures checked exactly, for the whole server and for one tenant; today's
 * totals restart at midnight UTC; Prometheus text for admin.global or the metrics token.
 */
@Timeout(30)
class MetricsEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String METRICS_TOKEN = "scrape-me-0123456789";

    @TempDir
    Path dir;

    TestClock clock = new TestClock(Instant.parse("2030-06-15T23:59:00Z"));
    TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(
                dir,
                Map.of("limits.messages_per_connection", "5", "metrics.token", METRICS_TOKEN),
                "fixtures/basic.json",
                clock);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theFiguresMatchTheTrafficDrivenForTheServerAndForOneTenant() throws Exception {
        try (WsClient anonymous = server.client();
                WsClient member = server.clientAs("acme-member");
                WsClient other = server.clientAs("globex-member")) {
            driveKnownTraffic(anonymous, member);

            JsonNode global = figures("acme-super");
            assertThat(global.path("connections").toString())
                    .isEqualTo("{\"total\":3,\"per_tenant\":{\"acme\":1,\"globex\":1}}");
            // in: anonymous 1; member 1 (authenticate, before it had a tenant) + 1 subscribe + 5 pings; other 1
            assertThat(global.path("messages").path("total_today").asLong()).isEqualTo(9 + 2);
            assertThat(global.path("messages").path("per_second").asDouble()).isEqualTo(1.1);
            // errors: INVALID_MESSAGE, RATE_LIMITED, the refused handshake
            assertThat(global.path("errors").path("total_today").asLong()).isEqualTo(3);
            assertThat(global.path("errors").path("per_second").asDouble()).isEqualTo(0.3);
            assertThat(global.path("dropped").path("total_today").asLong()).isEqualTo(2);
            assertThat(global.path("dropped").path("per_second").asDouble()).isEqualTo(0.2);
            assertThat(global.path("timestamp").asText()).isEqualTo("2030-06-15T23:59:00.000Z");

            JsonNode acme = figures("acme-admin");
            assertThat(acme.path("connections").toString()).isEqualTo("{\"total\":1,\"per_tenant\":{\"acme\":1}}");
            assertThat(acme.path("messages").path("total_today").asLong()).isEqualTo(6 + 2);
            assertThat(acme.path("messages").path("per_second").asDouble()).isEqualTo(0.8);
            assertThat(acme.path("errors").path("total_today").asLong()).isEqualTo(1);
            assertThat(acme.path("dropped").path("total_today").asLong()).isEqualTo(2);

            JsonNode globex = figures("globex-admin");
            assertThat(globex.path("connections").toString()).isEqualTo("{\"total\":1,\"per_tenant\":{\"globex\":1}}");
            assertThat(globex.path("messages").path("total_today").asLong()).isZero();

            clock.set(Instant.parse("2030-06-16T00:00:00Z"));
            JsonNode nextDay = figures("acme-super");
            assertThat(nextDay.path("connections").path("total").asLong()).isEqualTo(3);
            for (String field : new String[] {"messages", "errors", "dropped"}) {
                assertThat(nextDay.path(field).path("total_today").asLong())
                        .as(field)
                        .isZero();
                assertThat(nextDay.path(field).path("per_second").asDouble())
                        .as(field)
                        .isZero();
            }
        }
    }

    @Test
    void prometheusTextForTheMetricsTokenOrAdminGlobal() throws Exception {
        try (WsClient anonymous = server.client();
                WsClient member = server.clientAs("acme-member")) {
            driveKnownTraffic(anonymous, member);
            HttpResponse<String> scrape = server.get("/metrics", METRICS_TOKEN);
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            assertThat(scrape.body())
                    .contains("zena_connections 2.0")
                    .contains("zena_messages_in_total{tenant=\"acme\"} 6.0")
                    .contains("zena_messages_out_total{tenant=\"acme\"} 2.0")
                    .contains("zena_dropped_total{cause=\"rate_limit\",tenant=\"acme\"} 2.0")
                    .contains("zena_rate_limit_refusals_total{limit=\"messages_per_connection\"} 2.0")
                    .contains("zena_subscriptions_denied_total{code=\"FORBIDDEN\"} 1.0")
                    .contains("zena_auth_failures_total{reason=\"MALFORMED\"} 1.0")
                    .contains("zena_errors_total{code=\"RATE_LIMITED\",source=\"message\",tenant=\"acme\"} 1.0")
                    .contains("zena_fanout_latency_seconds_count 4") // 2 updates x (task + project channel)
                    .contains("zena_fanout_latency_seconds_bucket")
                    .contains("jvm_memory_used_bytes")
                    .contains("jvm_threads_live_threads")
                    .contains("system_cpu_count");
            assertThat(server.get("/metrics", server.token("acme-super")).statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void refusalsUseTheErrorBody() throws Exception {
        assertRefused(server.get("/api/metrics/websocket", null), 401, "AUTH_REQUIRED");
        assertRefused(server.get("/api/metrics/websocket", "garbage"), 401, "AUTH_INVALID");
        assertRefused(server.get("/api/metrics/websocket", server.token("acme-pm")), 403, "FORBIDDEN");
        assertRefused(server.get("/metrics", null), 401, "AUTH_REQUIRED");
        assertRefused(server.get("/metrics", "wrong-metrics-token"), 401, "AUTH_INVALID");
        assertRefused(server.get("/metrics", server.token("acme-admin")), 403, "FORBIDDEN");
    }

    /**
     * anonymous: 1 malformed frame (INVALID_MESSAGE). member (5 frames per second, clock stopped): subscribe with
     * one forbidden channel, then 5 pings of which the 4th gets RATE_LIMITED and the 5th is dropped silently
     * (authenticate + subscribe + 3 pings = the 5 tokens). Two task updates publish two events to member through
     * the broker. One handshake refused (401).
     */
    private void driveKnownTraffic(WsClient anonymous, WsClient member) {
        assertThat(anonymous.request("not json").path("code").asText()).isEqualTo("INVALID_MESSAGE");
        JsonNode subscription =
                member.request("{\"type\":\"subscribe\",\"channels\":[\"project.acme-tower\",\"system.acme\"]}");
        assertThat(subscription.path("denied").path(0).path("code").asText()).isEqualTo("FORBIDDEN");
        for (int i = 1; i <= 5; i++) {
            member.send("{\"type\":\"ping\",\"id\":" + i + "}");
        }
        for (int i = 1; i <= 3; i++) {
            assertThat(member.next().path("type").asText()).isEqualTo("pong");
        }
        assertThat(member.next().path("code").asText()).isEqualTo("RATE_LIMITED");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> server.server().metrics().traffic().today(null, TrafficKind.DROPPED) == 2);
        String token = server.token("acme-pm");
        for (String status : new String[] {"s1", "s2"}) {
            HttpResponse<String> patch =
                    server.send("PATCH", "/api/v1/app/tasks/acme-t1", token, "{\"status\":\"" + status + "\"}");
            assertThat(patch.statusCode()).isEqualTo(200);
            assertThat(member.nextOfType("event").path("data").path("status").asText())
                    .isEqualTo(status);
        }
        assertThat(RawUpgrade.send(server.port(), "/ws?token=garbage", Map.of()).status())
                .isEqualTo(401);
    }

    private JsonNode figures(String user) throws Exception {
        HttpResponse<String> response = server.get("/api/metrics/websocket", server.token(user));
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static void assertRefused(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo(code);
        assertThat(error.path("status").asInt()).isEqualTo(status);
    }
}
