package dev.zena.realtime.publish;

import static dev.zena.realtime.publish.SignedRequests.KEY;
import static dev.zena.realtime.publish.SignedRequests.SECRET;
import static dev.zena.realtime.publish.SignedRequests.post;
import static dev.zena.realtime.publish.SignedRequests.signed;
import static dev.zena.realtime.publish.SignedRequests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zena.realtime.testing.TestServer;
import dev.zena.realtime.testing.WsClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** SPEC §6 server-to-server API against a real server and real subscribers. */
@Timeout(60)
class PublishApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOWER = "{\"tenant_id\":\"acme\",\"channel\":\"project.acme-tower\","
            + "\"event\":\"project.updated\",\"data\":{\"n\":%d}}";

    @TempDir
    static Path dir;

    static TestServer server;
    /** Each test's own subscribers: what one test delivers can never be read by another. */
    WsClient acme;

    WsClient globex;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir, Map.of("publish.key", KEY, "publish.secret", SECRET), "fixtures/basic.json");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void subscribe() {
        acme = subscribed("acme-member", "project.acme-tower");
        globex = subscribed("globex-member", "project.globex-dam");
    }

    @AfterEach
    void unsubscribe() {
        acme.close();
        globex.close();
    }

    static WsClient subscribed(String user, String channel) {
        WsClient client = server.clientAs(user);
        JsonNode reply = client.request("{\"type\":\"subscribe\",\"channel\":\"" + channel + "\"}");
        assertThat(reply.path("granted").toString()).contains(channel);
        return client;
    }

    @Test
    void aSignedBroadcastReachesTheTenantsSubscribersOnly() throws Exception {
        byte[] body = utf8(TOWER.formatted(1));
        HttpResponse<String> answer = post(server, "/api/v1/broadcast", body, signed(body));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).path("delivered").asInt()).isEqualTo(1);
        JsonNode event = acme.nextOfType("event");
        assertThat(event.path("channel").asText()).isEqualTo("project.acme-tower");
        assertThat(event.path("event").asText()).isEqualTo("project.updated");
        assertThat(event.path("data").path("n").asInt()).isEqualTo(1);
        assertThat(event.has("test")).isFalse();
        globex.assertNothingBeforeSentinel();
    }

    static Stream<Arguments> unauthentic() {
        // Timestamps are taken when the request is made; the exact boundaries are in SignatureVerifierTest.
        Function<byte[], Map<String, String>> unsigned = body -> Map.of();
        Function<byte[], Map<String, String>> stale = body -> signed(KEY, SECRET, now() - 302, body);
        Function<byte[], Map<String, String>> future = body -> signed(KEY, SECRET, now() + 35, body);
        Function<byte[], Map<String, String>> wrongKey = body -> signed("someone-else", SECRET, now(), body);
        Function<byte[], Map<String, String>> wrongSecret = body -> signed(KEY, "not-the-secret", now(), body);
        Function<byte[], Map<String, String>> tampered = body -> signed(utf8(TOWER.formatted(666)));
        Function<byte[], Map<String, String>> upperHex = body -> {
            Map<String, String> headers = new HashMap<>(signed(body));
            headers.put("X-Zena-Signature", headers.get("X-Zena-Signature").toUpperCase());
            return headers;
        };
        Function<byte[], Map<String, String>> notANumber = body -> {
            Map<String, String> headers = new HashMap<>(signed(body));
            headers.put("X-Zena-Timestamp", "soon");
            return headers;
        };
        return Stream.of(
                Arguments.of("unsigned", unsigned),
                Arguments.of("stale", stale),
                Arguments.of("future", future),
                Arguments.of("wrong key", wrongKey),
                Arguments.of("wrong secret", wrongSecret),
                Arguments.of("tampered body", tampered),
                Arguments.of("uppercase signature", upperHex),
                Arguments.of("bad timestamp", notANumber));
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unauthentic")
    void anUnauthenticRequestIs401AndDeliversNothing(String name, Function<byte[], Map<String, String>> sign)
            throws Exception {
        byte[] body = utf8(TOWER.formatted(2));
        HttpResponse<String> answer = post(server, "/api/v1/broadcast", body, sign.apply(body));
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(answer.body()).path("error").path("status").asInt())
                .isEqualTo(401);
        acme.assertNothingBeforeSentinel();
    }

    @Test
    void aTimestampJustInsideTheWindowIsAccepted() {
        byte[] body = utf8(TOWER.formatted(3));
        long now = Instant.now().getEpochSecond();
        assertThat(post(server, "/api/v1/broadcast", body, signed(KEY, SECRET, now - 290, body))
                        .statusCode())
                .isEqualTo(200);
        assertThat(acme.nextOfType("event").path("data").path("n").asInt()).isEqualTo(3);
    }

    @Test
    void aReplayedRequestIsRefused() {
        byte[] body = utf8(TOWER.formatted(4));
        Map<String, String> headers = signed(body);
        assertThat(post(server, "/api/v1/broadcast", body, headers).statusCode())
                .isEqualTo(200);
        acme.nextOfType("event");
        assertThat(post(server, "/api/v1/broadcast", body, headers).statusCode())
                .isEqualTo(401);
        acme.assertNothingBeforeSentinel();
    }

    @Test
    void aReplayedInvalidRequestIsRefusedAsAReplay() {
        String unique = java.util.UUID.randomUUID().toString(); // no other test signs the same body this second
        for (String invalid : new String[] {
            "not json " + unique,
            "{\"tenant_id\":\"nowhere\",\"channel\":\"project.acme-tower\",\"event\":\"e\",\"data\":\"" + unique + "\"}"
        }) {
            byte[] body = utf8(invalid);
            Map<String, String> headers = signed(body);
            assertThat(post(server, "/api/v1/broadcast", body, headers).statusCode())
                    .as(invalid)
                    .isEqualTo(400);
            assertThat(post(server, "/api/v1/broadcast", body, headers).statusCode())
                    .as(invalid)
                    .isEqualTo(401);
        }
        acme.assertNothingBeforeSentinel();
    }

    @Test
    void aBodyOver64KibIs413WithOrWithoutContentLength() throws Exception {
        String padding = "x".repeat(64 * 1024);
        byte[] body = utf8("{\"tenant_id\":\"acme\",\"channel\":\"project.acme-tower\",\"event\":\"big\",\"data\":\""
                + padding + "\"}");
        for (boolean chunked : new boolean[] {false, true}) {
            HttpResponse<String> answer = post(server, "/api/v1/broadcast", body, signed(body), chunked);
            assertThat(answer.statusCode()).as("chunked=" + chunked).isEqualTo(413);
            assertThat(JSON.readTree(answer.body()).path("error").path("code").asText())
                    .isEqualTo("MESSAGE_TOO_LARGE");
        }
        acme.assertNothingBeforeSentinel();
    }

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                Arguments.of("not json", "body"),
                Arguments.of("[1,2]", "body"),
                Arguments.of("{\"channel\":\"project.acme-tower\",\"event\":\"e\"}", "tenant_id"),
                Arguments.of(
                        "{\"tenant_id\":\"nobody\",\"channel\":\"project.acme-tower\",\"event\":\"e\"}", "tenant_id"),
                Arguments.of("{\"tenant_id\":\"acme\",\"channel\":\"nothing.acme\",\"event\":\"e\"}", "channel"),
                Arguments.of("{\"tenant_id\":\"acme\",\"channel\":\"project.globex-dam\",\"event\":\"e\"}", "channel"),
                Arguments.of("{\"tenant_id\":\"acme\",\"channel\":\"project.nowhere\",\"event\":\"e\"}", "channel"),
                Arguments.of("{\"tenant_id\":\"acme\",\"channel\":\"project.acme-tower\"}", "event"),
                Arguments.of("{\"tenant_id\":\"acme\",\"channel\":\"project.acme-tower\",\"event\":7}", "event"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBodies")
    void aWellSignedInvalidBodyIs400NamingTheField(String json, String field) throws Exception {
        byte[] body = utf8(json);
        HttpResponse<String> answer = post(server, "/api/v1/broadcast", body, signed(body));
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(answer.body()).path("error").path("field").asText())
                .isEqualTo(field);
        acme.assertNothingBeforeSentinel();
        globex.assertNothingBeforeSentinel();
    }

    @Test
    void syncUpsertsAndDeletesLive() throws Exception {
        try (WsClient bridge = subscribed("acme-pm", "project.acme-bridge")) {
            byte[] body = utf8("""
                    {"tasks":[{"id":"acme-t9","tenant_id":"acme","project_id":"acme-tower","title":"New",
                               "status":"open","assignee_id":null}],
                     "deleted":{"projects":["acme-bridge"],"tasks":["acme-t2","acme-t3"]}}""");
            HttpResponse<String> answer = post(server, "/api/v1/sync", body, signed(body));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            JsonNode report = JSON.readTree(answer.body());
            assertThat(report.path("tasks").asInt()).isEqualTo(1);
            assertThat(report.path("deleted_projects").asInt()).isEqualTo(1);
            assertThat(server.store().task("acme-t9")).isPresent();
            JsonNode lost = bridge.nextOfType("unsubscription");
            assertThat(lost.path("channels").toString()).contains("project.acme-bridge");
            assertThat(lost.has("reason")).isTrue();
        }
    }

    @Test
    void anInvalidSyncIs400NamingTheFirstFieldAndChangesNothing() throws Exception {
        byte[] body = utf8("""
                {"users":[{"id":"acme-new","tenant_id":"nowhere","name":"N","email":"n@x.test","role":"member",
                           "is_active":true}]}""");
        HttpResponse<String> answer = post(server, "/api/v1/sync", body, signed(body));
        assertThat(answer.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(answer.body()).path("error");
        assertThat(error.path("field").asText()).startsWith("users[0]");
        assertThat(error.path("message").asText()).contains("nowhere");
        assertThat(server.store().user("acme-new")).isEmpty();
    }

    @Test
    void syncIsSignedLikeBroadcast() {
        byte[] body = utf8("{}");
        assertThat(post(server, "/api/v1/sync", body, Map.of()).statusCode()).isEqualTo(401);
    }
}
