package dev.zena.realtime.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zena.realtime.testing.Jwts;
import dev.zena.realtime.testing.RawUpgrade;
import dev.zena.realtime.testing.TestServer;
import dev.zena.realtime.testing.WsClient;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** SPEC §3 over a real socket: greeting, the three ways to authenticate, errors, size limit. */
@Timeout(60)
class WebSocketEndpointTest {

    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

    @TempDir
    static Path dir;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir, Map.of("limits.channels_per_connection", "3"), "fixtures/basic.json");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void greetsWithConnectionIdHeartbeatAndTimestamp() {
        try (WsClient client = WsClient.connect(server.ws(null))) {
            JsonNode greeting = client.next();
            assertThat(greeting.path("type").asText()).isEqualTo("connection");
            assertThat(greeting.path("connection_id").asText()).isNotBlank();
            assertThat(greeting.path("heartbeat").path("interval").asInt()).isEqualTo(30);
            assertThat(greeting.path("heartbeat").path("timeout").asInt()).isEqualTo(60);
            assertThat(greeting.path("timestamp").asText()).matches(INSTANT);
        }
    }

    @Test
    void authenticatesByMessageEchoingTheId() {
        try (WsClient client = server.client()) {
            JsonNode reply = client.request(
                    "{\"type\":\"authenticate\",\"id\":7,\"token\":\"" + server.token("acme-member") + "\"}");
            assertThat(reply.path("type").asText()).isEqualTo("authentication");
            assertThat(reply.path("status").asText()).isEqualTo("success");
            assertThat(reply.path("id").isInt()).isTrue();
            assertThat(reply.path("id").asInt()).isEqualTo(7);
            assertThat(reply.path("user_id").asText()).isEqualTo("acme-member");
            assertThat(reply.path("tenant_id").asText()).isEqualTo("acme");
            assertThat(reply.path("user_name").asText()).isEqualTo("Mo Member");
            assertThat(reply.path("expires_at").asText()).matches(INSTANT);
        }
    }

    @Test
    void authenticatesByHeaderAtTheHandshake() {
        try (WsClient client =
                WsClient.connect(server.ws(null), Map.of("Authorization", "Bearer " + server.token("acme-pm")))) {
            assertThat(client.next().path("type").asText()).isEqualTo("connection");
            JsonNode auth = client.next();
            assertThat(auth.path("type").asText()).isEqualTo("authentication");
            assertThat(auth.path("user_id").asText()).isEqualTo("acme-pm");
            assertThat(auth.has("id")).isFalse();
        }
    }

    @Test
    void authenticatesByQueryParameterAtTheHandshake() {
        try (WsClient client = WsClient.connect(server.ws("token=" + server.token("globex-admin")))) {
            assertThat(client.next().path("type").asText()).isEqualTo("connection");
            assertThat(client.next().path("user_id").asText()).isEqualTo("globex-admin");
        }
    }

    @Test
    void refusesAnInvalidHandshakeTokenWith401BeforeTheUpgrade() {
        assertThatThrownBy(() -> WsClient.connect(server.ws("token=garbage")))
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause())
                                .getResponse()
                                .statusCode())
                        .isEqualTo(401));
        RawUpgrade.Answer answer = RawUpgrade.send(server.port(), "/ws?token=garbage", Map.of());
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).contains("\"code\":\"AUTH_INVALID\"").contains("\"status\":401");
        RawUpgrade.Answer header = RawUpgrade.send(server.port(), "/ws", Map.of("Authorization", "Bearer x.y.z"));
        assertThat(header.status()).isEqualTo(401);
    }

    @Test
    void answersPingWithPongEchoingStringId() {
        try (WsClient client = server.client()) {
            JsonNode pong = client.request("{\"type\":\"ping\",\"id\":\"p-1\"}");
            assertThat(pong.path("type").asText()).isEqualTo("pong");
            assertThat(pong.path("id").asText()).isEqualTo("p-1");
            assertThat(pong.path("timestamp").asText()).matches(INSTANT);
            JsonNode bare = client.request("{\"type\":\"ping\"}");
            assertThat(bare.has("id")).isFalse();
        }
    }

    static Stream<Arguments> badFrames() {
        return Stream.of(
                Arguments.of("not json", "INVALID_MESSAGE", 400),
                Arguments.of("[1,2]", "INVALID_MESSAGE", 400),
                Arguments.of("\"text\"", "INVALID_MESSAGE", 400),
                Arguments.of("{}", "INVALID_MESSAGE", 400),
                Arguments.of("{\"type\":42}", "INVALID_MESSAGE", 400),
                Arguments.of("{\"type\":\"dance\"}", "UNKNOWN_TYPE", 400),
                Arguments.of("{\"type\":\"subscribe\",\"channels\":\"project.x\"}", "INVALID_MESSAGE", 400),
                Arguments.of("{\"type\":\"subscribe\",\"channels\":[]}", "INVALID_MESSAGE", 400),
                Arguments.of("{\"type\":\"subscribe\",\"channels\":[5]}", "INVALID_MESSAGE", 400),
                Arguments.of("{\"type\":\"subscribe\",\"channel\":\"a\",\"channels\":[\"b\"]}", "INVALID_MESSAGE", 400),
                Arguments.of("{\"type\":\"authenticate\",\"token\":12}", "INVALID_MESSAGE", 400),
                Arguments.of("{\"type\":\"authenticate\"}", "AUTH_REQUIRED", 401),
                Arguments.of("{\"type\":\"authenticate\",\"token\":null}", "AUTH_REQUIRED", 401),
                Arguments.of("{\"type\":\"authenticate\",\"token\":\"\"}", "AUTH_REQUIRED", 401),
                Arguments.of("{\"type\":\"subscribe\",\"channel\":\"project.acme-tower\"}", "AUTH_REQUIRED", 401),
                Arguments.of("{\"type\":\"unsubscribe\",\"channels\":[\"project.acme-tower\"]}", "AUTH_REQUIRED", 401));
    }

    @ParameterizedTest
    @MethodSource("badFrames")
    void answersBadFramesWithTheirErrorAndStaysOpen(String frame, String code, int status) {
        try (WsClient client = server.client()) {
            JsonNode error = client.request(frame);
            assertThat(error.path("type").asText()).isEqualTo("error");
            assertThat(error.path("code").asText()).isEqualTo(code);
            assertThat(error.path("status").asInt()).isEqualTo(status);
            assertThat(error.path("timestamp").asText()).matches(INSTANT);
            if (code.startsWith("AUTH")) {
                assertThat(error.path("message").asText().toLowerCase()).contains("auth");
            }
            assertThat(client.request("{\"type\":\"ping\"}").path("type").asText())
                    .isEqualTo("pong");
        }
    }

    @Test
    void echoesTheIdOfAnUnknownType() {
        try (WsClient client = server.client()) {
            JsonNode error = client.request("{\"type\":\"dance\",\"id\":\"d1\"}");
            assertThat(error.path("id").asText()).isEqualTo("d1");
        }
    }

    @Test
    void answersABinaryFrameWithInvalidMessage() {
        try (WsClient client = server.client()) {
            client.sendBinary(new byte[] {0, 1, 2, (byte) 0xff});
            JsonNode error = client.next();
            assertThat(error.path("code").asText()).isEqualTo("INVALID_MESSAGE");
            assertThat(client.request("{\"type\":\"ping\"}").path("type").asText())
                    .isEqualTo("pong");
        }
    }

    @Test
    void answersAnOversizedMessageThenClosesWith1009() {
        try (WsClient client = server.client()) {
            String big = "{\"type\":\"ping\",\"pad\":\"" + "x".repeat(64 * 1024) + "\"}";
            client.send(big);
            JsonNode error = client.next();
            assertThat(error.path("code").asText()).isEqualTo("MESSAGE_TOO_LARGE");
            assertThat(error.path("status").asInt()).isEqualTo(413);
            assertThat(client.awaitClose(Duration.ofSeconds(5))).isEqualTo(1009);
        }
    }

    @Test
    void acceptsAMessageExactlyAtTheLimit() {
        try (WsClient client = server.client()) {
            String head = "{\"type\":\"ping\",\"pad\":\"";
            String message = head + "x".repeat(64 * 1024 - head.length() - 2) + "\"}";
            assertThat(message.length()).isEqualTo(64 * 1024);
            assertThat(client.request(message).path("type").asText()).isEqualTo("pong");
        }
    }

    static Stream<Arguments> refusedTokens() {
        String secret = TestServer.SECRET;
        return Stream.of(
                Arguments.of(
                        "alg none", Jwts.none("{\"sub\":\"acme-member\",\"tenant_id\":\"acme\",\"exp\":4102444800}")),
                Arguments.of(
                        "wrong secret",
                        Jwts.hs256("another-secret-another-secret-another-secret", "acme-member", "acme", b -> b)),
                Arguments.of(
                        "expired",
                        Jwts.hs256(
                                secret,
                                "acme-member",
                                "acme",
                                b -> b.withExpiresAt(java.time.Instant.now().minusSeconds(60)))),
                Arguments.of(
                        "not yet valid",
                        Jwts.hs256(
                                secret,
                                "acme-member",
                                "acme",
                                b -> b.withNotBefore(java.time.Instant.now().plusSeconds(600)))),
                Arguments.of(
                        "no exp",
                        Jwts.hs256(secret, "acme-member", "acme", b -> b.withExpiresAt((java.time.Instant) null))),
                Arguments.of("tampered", Jwts.tampered(Jwts.hs256(secret, "acme-member", "acme", b -> b))),
                Arguments.of("tenant mismatch", Jwts.hs256(secret, "acme-member", "globex", b -> b)),
                Arguments.of("unknown user", Jwts.hs256(secret, "nobody", "acme", b -> b)),
                Arguments.of("disabled user", Jwts.hs256(secret, "acme-gone", "acme", b -> b)),
                Arguments.of("empty-ish", " "),
                Arguments.of("10 KB", "a".repeat(10 * 1024)),
                Arguments.of("binary bytes", "\u0000\u0001\u00ff\ufffd"),
                Arguments.of("sql", "' OR 1=1 --"),
                Arguments.of("script", "<script>alert(1)</script>"),
                Arguments.of("three dots", "a.b.c"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void refusesBadTokensWithOneMessageAndKeepsTheConnection(String label, String token) {
        try (WsClient client = server.client()) {
            client.send("{\"type\":\"authenticate\",\"token\":" + jsonString(token) + "}");
            JsonNode error = client.next();
            assertThat(error.path("code").asText()).isEqualTo("AUTH_INVALID");
            assertThat(error.path("status").asInt()).isEqualTo(401);
            assertThat(error.path("message").asText()).isEqualTo("Authentication failed: invalid or expired token");
            JsonNode ok =
                    client.request("{\"type\":\"authenticate\",\"token\":\"" + server.token("acme-member") + "\"}");
            assertThat(ok.path("type").asText()).isEqualTo("authentication");
        }
    }

    @Test
    void refusesAnotherUsersTokenOnAnAuthenticatedConnectionButRefreshesTheSameUser() {
        try (WsClient client = server.clientAs("acme-member")) {
            JsonNode other =
                    client.request("{\"type\":\"authenticate\",\"token\":\"" + server.token("acme-pm") + "\"}");
            assertThat(other.path("code").asText()).isEqualTo("AUTH_INVALID");
            JsonNode again = client.request("{\"type\":\"authenticate\",\"token\":\""
                    + server.token("acme-member", Duration.ofHours(2)) + "\"}");
            assertThat(again.path("type").asText()).isEqualTo("authentication");
            assertThat(again.path("user_id").asText()).isEqualTo("acme-member");
        }
    }

    @Test
    void subscribeAnswersPerChannelInRequestOrder() {
        try (WsClient client = server.clientAs("acme-client")) {
            JsonNode reply = client.request(
                    "{\"type\":\"subscribe\",\"id\":\"s\",\"channels\":"
                            + "[\"project.acme-tower\",\"bogus channel\",\"task.nope\",\"project.globex-dam\",\"dashboard.acme-client\"]}");
            assertThat(reply.path("type").asText()).isEqualTo("subscription");
            assertThat(reply.path("id").asText()).isEqualTo("s");
            assertThat(reply.path("granted").toString())
                    .isEqualTo("[\"project.acme-tower\",\"dashboard.acme-client\"]");
            JsonNode denied = reply.path("denied");
            assertThat(denied.get(0).path("channel").asText()).isEqualTo("bogus channel");
            assertThat(denied.get(0).path("code").asText()).isEqualTo("INVALID_MESSAGE");
            assertThat(denied.get(0).path("status").asInt()).isEqualTo(400);
            assertThat(denied.get(1).path("code").asText()).isEqualTo("NOT_FOUND");
            assertThat(denied.get(1).path("status").asInt()).isEqualTo(404);
            assertThat(denied.get(2).path("code").asText()).isEqualTo("FORBIDDEN");
            assertThat(denied.get(2).path("message").asText().toLowerCase())
                    .contains("tenant")
                    .contains("permission");
        }
    }

    @Test
    void deniesChannelsOverTheLimitWithChannelLimit() {
        try (WsClient client = server.clientAs("acme-admin")) {
            JsonNode reply = client.request("{\"type\":\"subscribe\",\"channels\":[\"project.acme-tower\","
                    + "\"project.acme-bridge\",\"task.acme-t1\",\"task.acme-t2\"]}");
            assertThat(reply.path("granted")).hasSize(3);
            assertThat(reply.path("denied").get(0).path("code").asText()).isEqualTo("CHANNEL_LIMIT");
            assertThat(reply.path("denied").get(0).path("status").asInt()).isEqualTo(429);
            JsonNode again = client.request("{\"type\":\"subscribe\",\"channel\":\"task.acme-t1\"}");
            assertThat(again.path("granted").toString()).isEqualTo("[\"task.acme-t1\"]");
        }
    }

    @Test
    void unsubscribeListsWhatItRemovedAndWhatRemains() {
        try (WsClient client = server.clientAs("acme-admin")) {
            client.request("{\"type\":\"subscribe\",\"channels\":[\"project.acme-tower\",\"task.acme-t1\"]}");
            JsonNode reply =
                    client.request("{\"type\":\"unsubscribe\",\"channels\":[\"task.acme-t1\",\"task.never\"]}");
            assertThat(reply.path("type").asText()).isEqualTo("unsubscription");
            assertThat(reply.path("channels").toString()).isEqualTo("[\"task.acme-t1\"]");
            assertThat(reply.path("remaining_channels").toString()).isEqualTo("[\"project.acme-tower\"]");
            assertThat(reply.has("reason")).isFalse();
        }
    }

    private static String jsonString(String value) {
        return new com.fasterxml.jackson.databind.node.TextNode(value).toString();
    }
}
