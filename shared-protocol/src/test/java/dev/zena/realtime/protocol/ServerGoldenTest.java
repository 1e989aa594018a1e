package dev.zena.realtime.protocol;

import static dev.zena.realtime.protocol.Golden.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Server messages against golden/server: encoding is byte-exact, decoding gives the same record back. */
class ServerGoldenTest {

    private static final WireCodec CODEC = new WireCodec();
    private static final String FORBIDDEN = "No permission for this channel (tenant or role)";
    private static final Map<String, ServerMessage> GOLDENS = goldens();

    private static Map<String, ServerMessage> goldens() {
        Instant expires = Instant.parse("2026-11-25T11:30:00Z");
        Map<String, ServerMessage> m = new LinkedHashMap<>();
        m.put("connection.json", new Connection("01JD7Y3ZK8M4V6Q2X9T5R1B0CE", 30, 60, NOW));
        m.put("authentication.json", new Authentication(null, "u_zoe", "t_acme", "Zoë Martin", expires, NOW));
        m.put("authentication-with-id.json",
                new Authentication(MessageId.text("auth-1"), "u_zoe", "t_acme", "Zoë Martin", expires, NOW));
        m.put("subscription-with-denials.json", new Subscription(MessageId.text("sub-7"),
                List.of("project.P1", "dashboard.u_zoe"),
                List.of(new Denial("task.T9", ErrorCode.FORBIDDEN, FORBIDDEN),
                        new Denial("project.P404", ErrorCode.NOT_FOUND, "Channel resource not found"),
                        new Denial("weird.name", ErrorCode.INVALID_MESSAGE, "Unknown channel name"),
                        new Denial("task.T10", ErrorCode.CHANNEL_LIMIT, "Channel limit reached")),
                NOW));
        m.put("subscription-granted-only.json", new Subscription(null, List.of("project.P1"), List.of(), NOW));
        m.put("unsubscription.json", new Unsubscription(MessageId.number(3), List.of("project.P1"),
                List.of("dashboard.u_zoe"), null, NOW));
        m.put("unsubscription-with-reason.json", new Unsubscription(null, List.of("project.P1"), List.of(),
                new Reason(ErrorCode.FORBIDDEN, FORBIDDEN), NOW));
        m.put("pong.json", new Pong(null, NOW));
        m.put("pong-numeric-id.json", new Pong(MessageId.number(42), NOW));
        m.put("pong-decimal-id.json", new Pong(new MessageId.Numeric("-1.50"), NOW));
        m.put("pong-string-id.json", new Pong(MessageId.text("p-1"), NOW));
        m.put("event.json", new Event("task.T1", "task.updated",
                json("{\"id\":\"T1\",\"status\":\"done\",\"tags\":[\"ui\",\"api\"],\"estimate\":2.5,\"assignee_id\":null}"),
                17, false, NOW));
        m.put("event-test.json", new Event("notifications.u_zoe", "test", json("{\"message\":\"hello\"}"), 1, true, NOW));
        m.put("error-invalid-message.json", new ErrorReply(MessageId.text("m1"), ErrorCode.INVALID_MESSAGE,
                "\"channels\" must be an array of 1 to 50 strings", NOW));
        m.put("error-unknown-type.json", new ErrorReply(MessageId.number(7), ErrorCode.UNKNOWN_TYPE,
                "Unknown message type; expected authenticate, subscribe, unsubscribe or ping", NOW));
        m.put("error-auth-required.json", new ErrorReply(null, ErrorCode.AUTH_REQUIRED, "Authentication required", NOW));
        m.put("error-auth-invalid.json", new ErrorReply(MessageId.text("auth-2"), ErrorCode.AUTH_INVALID,
                "Authentication failed: invalid token", NOW));
        m.put("error-forbidden.json", new ErrorReply(null, ErrorCode.FORBIDDEN, FORBIDDEN, NOW));
        m.put("error-not-found.json", new ErrorReply(null, ErrorCode.NOT_FOUND, "Not found", NOW));
        m.put("error-message-too-large.json",
                new ErrorReply(null, ErrorCode.MESSAGE_TOO_LARGE, "Message exceeds 65536 bytes", NOW));
        m.put("error-rate-limited.json", new ErrorReply(null, ErrorCode.RATE_LIMITED, "Rate limit exceeded", NOW));
        m.put("error-connection-limit.json", new ErrorReply(MessageId.text("auth-3"), ErrorCode.CONNECTION_LIMIT,
                "Connection limit reached", NOW));
        m.put("error-internal.json", new ErrorReply(null, ErrorCode.INTERNAL, "Internal error", NOW));
        return m;
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Stream<String> goldenNames() {
        return GOLDENS.keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenNames")
    void encodingTheRecordGivesTheGoldenText(String name) {
        assertThat(CODEC.encode(GOLDENS.get(name))).isEqualTo(Golden.read("server", name));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenNames")
    void decodingTheGoldenTextGivesTheRecord(String name) throws ProtocolException {
        assertThat(CODEC.decodeServer(Golden.read("server", name))).isEqualTo(GOLDENS.get(name));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenNames")
    void goldenTextRoundTripsByteForByte(String name) throws ProtocolException {
        String golden = Golden.read("server", name);
        assertThat(CODEC.encode(CODEC.decodeServer(golden))).isEqualTo(golden);
    }

    @Test
    void everyGoldenFileIsChecked() {
        assertThat(Golden.names("server")).containsExactlyInAnyOrderElementsOf(GOLDENS.keySet());
    }

    @Test
    void everyErrorStatusHasAnErrorGolden() {
        assertThat(GOLDENS.values().stream()
                .filter(ErrorReply.class::isInstance)
                .map(message -> ((ErrorReply) message).status()))
                .containsAll(Stream.of(ErrorCode.values()).map(ErrorCode::status).toList());
    }
}
