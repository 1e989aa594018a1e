package dev.zena.realtime.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zena.realtime.testing.WsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Traffic series and feed ticks over a fake source: the documented shapes, and a tenant admin sees its tenant only. */
@Timeout(60)
class TrafficTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;

    static HttpHarness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = HttpHarness.start(dir, new FakeTraffic());
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    static HttpResponse<String> get(String path, String user) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + harness.port() + path))
                        .header("Authorization", "Bearer " + harness.token(user))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static List<String> tenants(JsonNode root) {
        List<String> ids = new ArrayList<>();
        root.path("tenants").forEach(t -> ids.add(t.path("tenant_id").asText()));
        return ids;
    }

    @Test
    void seriesHaveTheDocumentedShape() throws Exception {
        HttpResponse<String> answer = get("/api/v1/admin/traffic?seconds=60", "acme-super");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode root = JSON.readTree(answer.body());
        assertThat(root.path("seconds").asInt()).isEqualTo(60);
        assertThat(root.path("interval_seconds").asInt()).isEqualTo(1);
        Instant start = Instant.parse(root.path("start").asText());
        assertThat(start.getNano()).isZero();
        assertThat(Instant.parse(root.path("timestamp").asText())).isAfterOrEqualTo(start.plusSeconds(60));
        assertThat(tenants(root)).containsExactly("acme", "globex");
        JsonNode acme = root.path("tenants").get(0);
        for (String series : List.of("messages_in", "messages_out", "errors", "dropped", "connections")) {
            assertThat(acme.path(series)).as(series).hasSize(60);
        }
        assertThat(acme.path("messages_in").get(0).asLong()).isEqualTo(1);
        assertThat(JSON.readTree(get("/api/v1/admin/traffic", "acme-super").body())
                        .path("seconds")
                        .asInt())
                .isEqualTo(300);
        assertThat(get("/api/v1/admin/traffic?seconds=3601", "acme-super").statusCode())
                .isEqualTo(400);
        assertThat(tenants(JSON.readTree(
                        get("/api/v1/admin/traffic?tenant=globex", "acme-super").body())))
                .containsExactly("globex");
    }

    @Test
    void aTenantAdminSeesOnlyItsTenantsTraffic() throws Exception {
        assertThat(tenants(
                        JSON.readTree(get("/api/v1/admin/traffic", "acme-admin").body())))
                .containsExactly("acme");
        assertThat(tenants(JSON.readTree(
                        get("/api/v1/admin/traffic?tenant=globex", "acme-admin").body())))
                .isEmpty();
        assertThat(tenants(JSON.readTree(
                        get("/api/v1/admin/traffic", "globex-admin").body())))
                .containsExactly("globex");
        assertThat(get("/api/v1/admin/traffic", "acme-member").statusCode()).isEqualTo(403);
    }

    @Test
    void theFeedTicksOncePerSecondWithTheCallersTenantsOnly() {
        URI uri = URI.create("ws://127.0.0.1:" + harness.port() + "/api/v1/admin/feed");
        try (WsClient acme = WsClient.connect(uri, Map.of("Authorization", "Bearer " + harness.token("acme-admin")));
                WsClient global =
                        WsClient.connect(uri, Map.of("Authorization", "Bearer " + harness.token("acme-super")))) {
            acme.nextOfType("hello");
            global.nextOfType("hello");
            List<JsonNode> ticks = new ArrayList<>();
            await().atMost(java.time.Duration.ofSeconds(5)).until(() -> {
                harness.sweep();
                acme.drain().forEach(text -> ticks.add(read(text)));
                return !ticks.isEmpty();
            });
            JsonNode tick = ticks.get(0);
            assertThat(tick.path("type").asText()).isEqualTo("traffic");
            assertThat(tick.path("tenants").has("acme")).isTrue();
            assertThat(tick.path("tenants").has("globex")).isFalse();
            assertThat(tick.path("tenants").path("acme").path("connections").asLong())
                    .isEqualTo(5);
            assertThat(Instant.parse(tick.path("second").asText()).getNano()).isZero();
            JsonNode globalTick = global.nextOfType("traffic");
            assertThat(globalTick.path("tenants").has("globex")).isTrue();
        }
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
