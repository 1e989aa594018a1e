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
        m.put(
                "authentication-with-id.json",
                new Authentication(MessageId.text("auth-1"), "u_zoe", "t_acme", "Zoë Martin", expires, NOW));
        m.put(
                "subscription-with-denials.json",
                new Subscription(
                        MessageId.text("sub-7"),
                        List.of("project.P1", "dashboard.u_zoe"),
                        List.of(
                                new Denial("task.T9", ErrorCode.FORBIDDEN, FORBIDDEN),
                                new Denial("project.P404", ErrorCode.NOT_FOUND, "Channel resource not found"),
                                new Denial("weird.name", ErrorCode.INVALID_MESSAGE, "Unknown channel name"),
                                new Denial("task.T10", ErrorCode.CHANNEL_LIMIT, "Channel limit reached")),
                        NOW));
        m.put("subscription-granted-only.json", new Subscription(null, List.of("project.P1"), List.of(), NOW));
        m.put(
                "unsubscription.json",
                new Unsubscription(MessageId.number(3), List.of("project.P1"), List.of("dashboard.u_zoe"), null, NOW));
        m.put(
                "unsubscription-with-reason.json",
                new Unsubscription(
                        null, List.of("project.P1"), List.of(), new Reason(ErrorCode.FORBIDDEN, FORBIDDEN), NOW));
        m.put("pong.json", new Pong(null, NOW));
        m.put("pong-numeric-id.json", new Pong(MessageId.number(42), NOW));
        m.put("pong-decimal-id.json", new Pong(new MessageId.Numeric("-1.50"), NOW));
        m.put("pong-string-id.json", new Pong(MessageId.text("p-1"), NOW));
        m.put(
                "event.json",
                new Event(
                        "task.T1",
                        "task.updated",
                        json(
                                "{\"id\":\"T1\",\"status\":\"done\",\"tags\":[\"ui\",\"api\"],\"estimate\":2.5,\"assignee_id\":null}"),
                        17,
                        false,
                        NOW));
        m.put(
                "event-test.json",
                new Event("notifications.u_zoe", "test", json("{\"message\":\"hello\"}"), 1, true, NOW));
        m.put(
                "event-with-epoch.json",
                new Event("task.T1", "task.updated", json("{\"id\":\"T1\"}"), 58, "k3Jx9q", false, false, NOW));
        m.put(
                "event-recovered.json",
                new Event("task.T1", "task.updated", json("{\"id\":\"T1\"}"), 42, "k3Jx9q", false, true, NOW));
        m.put(
                "event-test-recovered.json",
                new Event(
                        "notifications.u_zoe", "test", json("{\"message\":\"hello\"}"), 3, "m81zq0", true, true, NOW));
        putSubscriptions(m);
        putResyncs(m);
        putPresence(m);
        m.put(
                "error-invalid-message.json",
                new ErrorReply(
                        MessageId.text("m1"),
                        ErrorCode.INVALID_MESSAGE,
                        "\"channels\" must be an array of 1 to 50 strings",
                        NOW));
        m.put(
                "error-unknown-type.json",
                new ErrorReply(
                        MessageId.number(7),
                        ErrorCode.UNKNOWN_TYPE,
                        "Unknown message type; expected authenticate, subscribe, unsubscribe or ping",
                        NOW));
        m.put(
                "error-auth-required.json",
                new ErrorReply(null, ErrorCode.AUTH_REQUIRED, "Authentication required", NOW));
        m.put(
                "error-auth-invalid.json",
                new ErrorReply(
                        MessageId.text("auth-2"), ErrorCode.AUTH_INVALID, "Authentication failed: invalid token", NOW));
        m.put("error-forbidden.json", new ErrorReply(null, ErrorCode.FORBIDDEN, FORBIDDEN, NOW));
        m.put("error-not-found.json", new ErrorReply(null, ErrorCode.NOT_FOUND, "Not found", NOW));
        m.put(
                "error-message-too-large.json",
                new ErrorReply(null, ErrorCode.MESSAGE_TOO_LARGE, "Message exceeds 65536 bytes", NOW));
        m.put("error-rate-limited.json", new ErrorReply(null, ErrorCode.RATE_LIMITED, "Rate limit exceeded", NOW));
        m.put(
                "error-connection-limit.json",
                new ErrorReply(MessageId.text("auth-3"), ErrorCode.CONNECTION_LIMIT, "Connection limit reached", NOW));
        m.put("error-internal.json", new ErrorReply(null, ErrorCode.INTERNAL, "Internal error", NOW));
        m.put(
                "error-broker-unavailable.json",
                new ErrorReply(
                        null,
                        ErrorCode.BROKER_UNAVAILABLE,
                        "Service temporarily unavailable (broker): retry shortly",
                        NOW));
        return m;
    }

    /** SPEC §9: positions always, recovery only when the request had since; maps keep their order on the wire. */
    private static void putSubscriptions(Map<String, ServerMessage> m) {
        Map<String, StreamPosition> positions = new LinkedHashMap<>();
        positions.put("project.P1", new StreamPosition(57, "k3Jx9q"));
        positions.put("task.T1", new StreamPosition(0, "m81zq0"));
        m.put(
                "subscription-with-positions.json",
                new Subscription(
                        MessageId.text("sub-8"), List.of("project.P1", "task.T1"), List.of(), positions, null, NOW));

        Map<String, StreamPosition> three = new LinkedHashMap<>(positions);
        three.put("dashboard.u_zoe", new StreamPosition(12, "p0w7cc"));
        Map<String, Recovery> recovery = new LinkedHashMap<>();
        recovery.put("project.P1", Recovery.RECOVERED);
        recovery.put("task.T1", Recovery.failed(RecoveryFailure.OFFSET_EXPIRED));
        recovery.put("dashboard.u_zoe", Recovery.failed(RecoveryFailure.EPOCH_CHANGED));
        m.put(
                "subscription-with-recovery.json",
                new Subscription(
                        MessageId.number(8),
                        List.of("project.P1", "task.T1", "dashboard.u_zoe"),
                        List.of(new Denial("task.T9", ErrorCode.FORBIDDEN, FORBIDDEN)),
                        three,
                        recovery,
                        NOW));

        Map<String, Recovery> failures = new LinkedHashMap<>();
        failures.put("task.T2", Recovery.failed(RecoveryFailure.TOO_MANY));
        failures.put("project.P2", Recovery.failed(RecoveryFailure.HISTORY_UNAVAILABLE));
        Map<String, StreamPosition> two = new LinkedHashMap<>();
        two.put("task.T2", new StreamPosition(9_007_199_254_740_992L, "k3Jx9q"));
        two.put("project.P2", new StreamPosition(4, "m81zq0"));
        m.put(
                "subscription-recovery-failed.json",
                new Subscription(null, List.of("task.T2", "project.P2"), List.of(), two, failures, NOW));

        m.put(
                "subscription-empty-recovery.json",
                new Subscription(
                        null,
                        List.of(),
                        List.of(new Denial("task.T9", ErrorCode.FORBIDDEN, FORBIDDEN)),
                        Map.of(),
                        Map.of(),
                        NOW));
    }

    private static void putResyncs(Map<String, ServerMessage> m) {
        m.put("resync-epoch-changed.json", new Resync("task.T1", 0, "q9d2ma", Resync.EPOCH_CHANGED, NOW));
        m.put("resync-broker-unavailable.json", new Resync("project.P1", 57, "k3Jx9q", Resync.BROKER_UNAVAILABLE, NOW));
        m.put("resync-messages-lost.json", new Resync("project.P1", 61, "k3Jx9q", Resync.MESSAGES_LOST, NOW));
    }

    /** SPEC §10: the presence reply, per-user events and the summary of a crowded channel. */
    private static void putPresence(Map<String, ServerMessage> m) {
        m.put(
                "presence.json",
                new Presence(
                        null,
                        "project.P1",
                        2,
                        List.of(
                                new PresenceMember("u_zoe", "Zoë Martin", 3),
                                new PresenceMember("u_ann", "Ann Lee", 1)),
                        false,
                        NOW));
        m.put(
                "presence-with-id-truncated.json",
                new Presence(
                        MessageId.text("q1"),
                        "project.P1",
                        1500,
                        List.of(new PresenceMember("u_zoe", "Zoë Martin", 1)),
                        true,
                        NOW));
        m.put("presence-empty.json", new Presence(MessageId.number(4), "task.T1", 0, List.of(), false, NOW));
        m.put(
                "presence-event-joined.json",
                new PresenceEvent("project.P1", PresenceEvent.JOINED, "u_zoe", "Zoë Martin", 1, NOW));
        m.put(
                "presence-event-left.json",
                new PresenceEvent("project.P1", PresenceEvent.LEFT, "u_ann", "Ann Lee", 0, NOW));
        m.put(
                "presence-summary.json",
                new PresenceSummary("project.P1", 1501, List.of("u_bob", "u_cat"), List.of("u_ann"), NOW));
        m.put(
                "presence-summary-joined-only.json",
                new PresenceSummary("project.P1", 1502, List.of("u_dan"), List.of(), NOW));
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
                .containsAll(
                        Stream.of(ErrorCode.values()).map(ErrorCode::status).toList());
    }
}
