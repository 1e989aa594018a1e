package dev.zena.realtime.pusher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zena.realtime.testing.TestServer;
import dev.zena.realtime.testing.WsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * The Pusher HTTP API of SPEC §12 on a real server, signed as pusher-http-php signs: events and batches reach
 * Pusher and {@code /ws} subscribers of the mapped channel, {@code socket_id} skips that socket, every signature
 * rule refuses with 401, bad bodies and unmapped channels with 400 (nothing delivered), large data with 413, no
 * configuration with 503; the read endpoints answer from the hub and presence.
 */
@Timeout(60)
class PusherHttpApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(dir, PusherProtocolTest.SETTINGS, "fixtures/basic.json");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anEventReachesPusherAndWsSubscribersWithItsDataAsJsonButNotTheSocketItNames() throws Exception {
        try (PusherClient sender = PusherClient.connect(server);
                PusherClient other = PusherClient.connect(server);
                WsClient ws = server.clientAs("acme-member")) {
            sender.subscribeAs("acme-member", "private-task.acme-t1");
            other.subscribeAs("acme-member", "private-task.acme-t1");
            ws.send("{\"type\":\"subscribe\",\"channels\":[\"task.acme-t1\"]}");
            ws.nextOfType("subscription");

            HttpResponse<String> response = post(
                    "/apps/zena-app/events",
                    "{\"name\":\"task.updated\","
                            + "\"data\":\"{\\\"id\\\":\\\"acme-t1\\\",\\\"status\\\":\\\"done\\\"}\","
                            + "\"channels\":[\"private-task.acme-t1\"],\"socket_id\":\"" + sender.socketId + "\"}");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{}");

            JsonNode event = other.nextEvent("task.updated");
            assertThat(PusherClient.data(event).path("status").asText()).isEqualTo("done");
            JsonNode zena = ws.nextOfType("event");
            assertThat(zena.path("data").path("status").asText()).isEqualTo("done");
            sender.assertNothingBeforePong();
        }
    }

    @Test
    void aBatchWithOneUnmappedChannelDeliversNothing() throws Exception {
        try (PusherClient client = PusherClient.connect(server)) {
            client.subscribeAs("acme-member", "private-project.acme-tower");
            HttpResponse<String> refused = post(
                    "/apps/zena-app/batch_events",
                    "{\"batch\":["
                            + "{\"name\":\"a\",\"data\":\"{}\",\"channel\":\"private-project.acme-tower\"},"
                            + "{\"name\":\"b\",\"data\":\"{}\",\"channel\":\"private-invoice.7\"}]}");
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(refused.body()).path("error").asText()).contains("private-invoice.7");
            client.assertNothingBeforePong();

            HttpResponse<String> ok = post(
                    "/apps/zena-app/batch_events",
                    "{\"batch\":["
                            + "{\"name\":\"a\",\"data\":\"plain text\",\"channel\":\"private-project.acme-tower\"}]}");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(client.nextEvent("a").path("data").asText()).isEqualTo("plain text");
        }
    }

    @Test
    void theSameSignedRequestTwiceIsDeliveredTwice() throws Exception {
        try (PusherClient client = PusherClient.connect(server)) {
            client.subscribeAs("acme-member", "private-project.acme-tower");
            String body = "{\"name\":\"again\",\"data\":\"{}\",\"channel\":\"private-project.acme-tower\"}";
            String query = PusherHttpSigner.query(
                    "POST",
                    "/apps/zena-app/events",
                    bytes(body),
                    Instant.now().getEpochSecond(),
                    PusherClient.KEY,
                    PusherClient.SECRET);
            assertThat(raw("/apps/zena-app/events?" + query, body).statusCode()).isEqualTo(200);
            assertThat(raw("/apps/zena-app/events?" + query, body).statusCode()).isEqualTo(200);
            client.nextEvent("again");
            client.nextEvent("again");
        }
    }

    @Test
    void everySignatureRuleRefusesWith401() throws Exception {
        String body = "{\"name\":\"x\",\"data\":\"{}\",\"channel\":\"private-project.acme-tower\"}";
        String path = "/apps/zena-app/events";
        long now = Instant.now().getEpochSecond();
        String good = PusherHttpSigner.query("POST", path, bytes(body), now, PusherClient.KEY, PusherClient.SECRET);
        assertThat(raw(path + "?" + good, body).statusCode()).isEqualTo(200);

        assertThat(raw(
                                path + "?"
                                        + PusherHttpSigner.query(
                                                "POST", path, bytes(body), now, PusherClient.KEY, "wrong-secret"),
                                body)
                        .statusCode())
                .isEqualTo(401);
        assertThat(raw(
                                path + "?"
                                        + PusherHttpSigner.query(
                                                "POST", path, bytes(body), now, "other-key", PusherClient.SECRET),
                                body)
                        .statusCode())
                .isEqualTo(401);
        assertThat(raw(
                                path + "?"
                                        + PusherHttpSigner.query(
                                                "POST",
                                                path,
                                                bytes(body),
                                                now - 601,
                                                PusherClient.KEY,
                                                PusherClient.SECRET),
                                body)
                        .statusCode())
                .isEqualTo(401);
        // body_md5 of another body: the signature matches its parameters, the MD5 does not match this body
        assertThat(raw(
                                path + "?"
                                        + PusherHttpSigner.query(
                                                "POST",
                                                path,
                                                bytes(body + " "),
                                                now,
                                                PusherClient.KEY,
                                                PusherClient.SECRET),
                                body)
                        .statusCode())
                .isEqualTo(401);
        // no body_md5 at all
        HttpResponse<String> noMd5 = raw(
                path + "?" + PusherHttpSigner.query("POST", path, null, now, PusherClient.KEY, PusherClient.SECRET),
                body);
        assertThat(noMd5.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(noMd5.body()).path("error").asText()).contains("body_md5");
        assertThat(raw(path + "?" + good.replace("auth_version=1.0", "auth_version=2.0"), body)
                        .statusCode())
                .isEqualTo(401);
        assertThat(raw(path.replace("zena-app", "other-app") + "?" + good, body).statusCode())
                .isEqualTo(404);
    }

    @Test
    void badBodiesAreRefusedAsPusherDoes() throws Exception {
        assertThat(post("/apps/zena-app/events", "not json").statusCode()).isEqualTo(400);
        assertThat(post("/apps/zena-app/events", "{\"name\":\"x\",\"data\":\"{}\"}")
                        .statusCode())
                .isEqualTo(400);
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < 101; i++) {
            many.append(i == 0 ? "" : ",").append("\"private-project.acme-tower\"");
        }
        assertThat(post("/apps/zena-app/events", "{\"name\":\"x\",\"data\":\"{}\",\"channels\":" + many + "]}")
                        .statusCode())
                .isEqualTo(400);
        String big = "x".repeat(10_241);
        HttpResponse<String> tooLarge = post(
                "/apps/zena-app/events",
                "{\"name\":\"x\",\"data\":\"" + big + "\",\"channel\":\"private-project.acme-tower\"}");
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(tooLarge.body()).has("error")).isTrue();
        assertThat(post(
                                "/apps/zena-app/events",
                                "{\"name\":\"x\",\"data\":\"{}\","
                                        + "\"channel\":\"private-tenant.globex.user.acme-pm.notifications\"}")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void theReadEndpointsAnswerFromTheHubAndPresence() throws Exception {
        try (PusherClient client = PusherClient.connect(server)) {
            client.subscribeAs("acme-pm", "presence-project.acme-tower");
            JsonNode channels = JSON.readTree(get("/apps/zena-app/channels", Map.of("filter_by_prefix", "presence-"))
                    .body());
            assertThat(channels.path("channels").has("presence-project.acme-tower"))
                    .isTrue();
            JsonNode info = JSON.readTree(get("/apps/zena-app/channels/presence-project.acme-tower", Map.of())
                    .body());
            assertThat(info.path("occupied").asBoolean()).isTrue();
            assertThat(info.path("user_count").asInt()).isEqualTo(1);
            JsonNode users = JSON.readTree(get("/apps/zena-app/channels/presence-project.acme-tower/users", Map.of())
                    .body());
            assertThat(users.path("users").toString()).isEqualTo("[{\"id\":\"acme-pm\"}]");
        }
    }

    @Test
    void withoutTheAppSettingsTheEndpointsAnswer503() throws Exception {
        try (TestServer bare = TestServer.start(dir.resolve("bare"), Map.of(), "fixtures/basic.json")) {
            String body = "{\"name\":\"x\",\"data\":\"{}\",\"channel\":\"private-project.acme-tower\"}";
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(bare.http("/apps/zena-app/events"))
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).contains("PUSHER_DISABLED");
        }
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        String query = PusherHttpSigner.query(
                "POST", path, bytes(body), Instant.now().getEpochSecond(), PusherClient.KEY, PusherClient.SECRET);
        return raw(path + "?" + query, body);
    }

    private HttpResponse<String> get(String path, Map<String, String> params) throws Exception {
        StringBuilder extra = new StringBuilder();
        java.util.TreeMap<String, String> all = new java.util.TreeMap<>(params);
        long now = Instant.now().getEpochSecond();
        all.put("auth_key", PusherClient.KEY);
        all.put("auth_timestamp", Long.toString(now));
        all.put("auth_version", "1.0");
        String sorted = String.join(
                "&",
                all.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .toList());
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(
                PusherClient.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = java.util.HexFormat.of()
                .formatHex(mac.doFinal(("GET\n" + path + "\n" + sorted).getBytes(StandardCharsets.UTF_8)));
        extra.append(sorted).append("&auth_signature=").append(signature);
        return HTTP.send(
                HttpRequest.newBuilder(server.http(path + "?" + extra))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> raw(String pathAndQuery, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
