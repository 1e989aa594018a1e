package dev.zena.realtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Frames a client might send that must be refused as a whole: the code, whether the id is echoed, and a message
 * that names the problem without leaking parser internals.
 */
class BadClientFramesTest {

    private static final WireCodec CODEC = new WireCodec();
    private static final ErrorCode INVALID = ErrorCode.INVALID_MESSAGE;
    private static final MessageId A = MessageId.text("a");

    static Stream<Arguments> badFrames() {
        return Stream.of(shapeFrames(), sinceFrames(), presenceFrames()).flatMap(frames -> frames);
    }

    static Stream<Arguments> shapeFrames() {
        String fiftyOne = channels(51);
        String longId = "x".repeat(65);
        return Stream.of(
                // frame, code, echoed id (null = none), text the message must contain
                arguments("not json", INVALID, null, "JSON"),
                arguments("", INVALID, null, "empty"),
                arguments("   ", INVALID, null, "empty"),
                arguments("[]", INVALID, null, "object"),
                arguments("\"x\"", INVALID, null, "object"),
                arguments("5", INVALID, null, "object"),
                arguments("null", INVALID, null, "object"),
                arguments("{", INVALID, null, "JSON"),
                arguments("{\"type\":\"ping\"", INVALID, null, "JSON"),
                arguments("{\"type\":\"ping\"} x", INVALID, null, "JSON"),
                arguments("{\"type\":\"ping\"}{\"type\":\"ping\"}", INVALID, null, "one JSON object"),
                arguments("{}", INVALID, null, "type"),
                arguments("{\"type\":5}", INVALID, null, "type"),
                arguments("{\"type\":null}", INVALID, null, "type"),
                arguments("{\"type\":{\"name\":\"ping\"}}", INVALID, null, "type"),
                arguments("{\"type\":[\"ping\"],\"id\":\"a\"}", INVALID, A, "type"),
                arguments("{\"id\":\"a\"}", INVALID, A, "type"),
                arguments("{\"type\":5,\"id\":7}", INVALID, MessageId.number(7), "type"),
                arguments("{\"type\":\"nope\",\"id\":\"a\"}", ErrorCode.UNKNOWN_TYPE, A, "type"),
                arguments("{\"id\":\"a\",\"type\":\"nope\"}", ErrorCode.UNKNOWN_TYPE, A, "type"),
                arguments("{\"type\":\"nope\"}", ErrorCode.UNKNOWN_TYPE, null, "type"),
                arguments("{\"type\":\"Ping\"}", ErrorCode.UNKNOWN_TYPE, null, "type"),
                arguments("{\"type\":\"ping \"}", ErrorCode.UNKNOWN_TYPE, null, "type"),
                arguments("{\"type\":\"\"}", ErrorCode.UNKNOWN_TYPE, null, "type"),
                arguments("{\"type\":\"subscribe\"}", INVALID, null, "channels"),
                arguments("{\"type\":\"subscribe\",\"id\":\"a\"}", INVALID, A, "channels"),
                arguments("{\"type\":\"unsubscribe\"}", INVALID, null, "channels"),
                arguments("{\"type\":\"subscribe\",\"channels\":null,\"channel\":null}", INVALID, null, "channels"),
                arguments("{\"type\":\"subscribe\",\"channels\":[]}", INVALID, null, "channels"),
                arguments("{\"type\":\"subscribe\",\"channels\":" + fiftyOne + "}", INVALID, null, "channels"),
                arguments("{\"type\":\"unsubscribe\",\"channels\":" + fiftyOne + "}", INVALID, null, "channels"),
                arguments("{\"type\":\"subscribe\",\"channels\":\"x\"}", INVALID, null, "channels"),
                arguments("{\"type\":\"subscribe\",\"channels\":{\"a\":1}}", INVALID, null, "channels"),
                arguments("{\"type\":\"subscribe\",\"channels\":[1]}", INVALID, null, "channels"),
                arguments("{\"type\":\"subscribe\",\"channels\":[\"a\",null]}", INVALID, null, "channels"),
                arguments("{\"type\":\"subscribe\",\"channels\":[\"a\",[\"b\"]]}", INVALID, null, "channels"),
                arguments("{\"type\":\"unsubscribe\",\"id\":\"a\",\"channels\":[true]}", INVALID, A, "channels"),
                arguments("{\"type\":\"subscribe\",\"channels\":[\"a\"],\"channel\":\"b\"}", INVALID, null, "both"),
                arguments("{\"type\":\"subscribe\",\"channels\":[],\"channel\":\"b\"}", INVALID, null, "both"),
                arguments("{\"type\":\"unsubscribe\",\"channel\":\"b\",\"channels\":[\"a\"]}", INVALID, null, "both"),
                arguments("{\"type\":\"subscribe\",\"channel\":5}", INVALID, null, "\"channel\""),
                arguments("{\"type\":\"subscribe\",\"channel\":[\"a\"]}", INVALID, null, "\"channel\""),
                arguments("{\"type\":\"authenticate\",\"token\":5}", INVALID, null, "token"),
                arguments("{\"type\":\"authenticate\",\"id\":\"a\",\"token\":{}}", INVALID, A, "token"),
                arguments("{\"type\":\"authenticate\",\"token\":false}", INVALID, null, "token"),
                arguments("{\"type\":\"ping\",\"id\":{}}", INVALID, null, "id"),
                arguments("{\"type\":\"ping\",\"id\":[1]}", INVALID, null, "id"),
                arguments("{\"type\":\"ping\",\"id\":true}", INVALID, null, "id"),
                arguments("{\"type\":\"ping\",\"id\":\"" + longId + "\"}", INVALID, null, "id"),
                arguments("{\"type\":\"nope\",\"id\":{}}", INVALID, null, "id"),
                arguments("{\"id\":{},\"type\":\"subscribe\"}", INVALID, null, "id"),
                arguments("{\"type\":\"ping\",\"type\":\"ping\"}", INVALID, null, "duplicate field \"type\""),
                arguments("{\"type\":\"ping\",\"id\":\"a\",\"id\":\"b\"}", INVALID, null, "duplicate field \"id\""),
                arguments("{\"type\":\"ping\",\"x\":{\"k\":1,\"k\":2}}", INVALID, null, "duplicate field"),
                arguments(
                        "{\"type\":\"ping\",\"x\":1,\"y\":2,\"z\":3,\"x\":4}", INVALID, null, "duplicate field \"x\""),
                arguments("{\"type\":\"ping\",\"id\":NaN}", INVALID, null, "JSON"),
                arguments("{\"type\":\"ping\",\"id\":+1}", INVALID, null, "JSON"),
                arguments("{\"type\":\"ping\",\"id\":01}", INVALID, null, "JSON"),
                arguments("{'type':'ping'}", INVALID, null, "JSON"),
                arguments("{\"type\":\"ping\",}", INVALID, null, "JSON"),
                arguments("{\"type\":\"ping\"} // hi", INVALID, null, "JSON"),
                arguments("[".repeat(5000) + "]".repeat(5000), INVALID, null, "object"),
                arguments(
                        "{\"type\":\"ping\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}",
                        INVALID,
                        null,
                        "limits"));
    }

    /** SPEC §9: subscribe's since and presence_events; each message names the field, down to the entry. */
    static Stream<Arguments> sinceFrames() {
        String sub = "{\"type\":\"subscribe\",\"channels\":[\"project.P1\"],";
        String entry = sub + "\"since\":{\"project.P1\":";
        String epoch = ",\"epoch\":\"k3Jx9q\"}}}";
        String offsetRule = "\"since.project.P1.offset\" must be a non-negative integer";
        String epochRule = "\"since.project.P1.epoch\" must be a string of 1 to 64 characters";
        String longKey = "x\\n" + "y".repeat(300);
        return Stream.of(
                arguments(sub + "\"since\":\"x\"}", INVALID, null, "\"since\" must be an object"),
                arguments(sub + "\"since\":[]}", INVALID, null, "\"since\" must be an object"),
                arguments(sub + "\"since\":[{\"offset\":1,\"epoch\":\"e\"}]}", INVALID, null, "\"since\""),
                arguments(sub + "\"since\":5,\"id\":\"a\"}", INVALID, A, "\"since\""),
                arguments(sub + "\"since\":true}", INVALID, null, "\"since\""),
                arguments(entry + "41}}", INVALID, null, "\"since.project.P1\" must be an object"),
                arguments(entry + "null}}", INVALID, null, "\"since.project.P1\" must be an object"),
                arguments(entry + "[41,\"k3Jx9q\"]}}", INVALID, null, "\"since.project.P1\""),
                arguments(entry + "{\"epoch\":\"k3Jx9q\"}}}", INVALID, null, offsetRule),
                arguments(entry + "{\"offset\":null" + epoch, INVALID, null, offsetRule),
                arguments(entry + "{\"offset\":-1" + epoch, INVALID, null, offsetRule),
                arguments(entry + "{\"offset\":-0" + epoch, INVALID, null, offsetRule),
                arguments(entry + "{\"offset\":41.0" + epoch, INVALID, null, offsetRule),
                arguments(entry + "{\"offset\":4.1e1" + epoch, INVALID, null, offsetRule),
                arguments(entry + "{\"offset\":1e2" + epoch, INVALID, null, offsetRule),
                arguments(entry + "{\"offset\":0.5" + epoch, INVALID, null, offsetRule),
                arguments(entry + "{\"offset\":\"41\"" + epoch, INVALID, null, offsetRule),
                arguments(entry + "{\"offset\":true" + epoch, INVALID, null, offsetRule),
                arguments(entry + "{\"offset\":[41]" + epoch, INVALID, null, offsetRule),
                arguments(entry + "{\"offset\":9007199254740993" + epoch, INVALID, null, offsetRule),
                arguments(entry + "{\"offset\":99999999999999999999" + epoch, INVALID, null, offsetRule),
                arguments(entry + "{\"offset\":41}}}", INVALID, null, epochRule),
                arguments(entry + "{\"offset\":41,\"epoch\":\"\"}}}", INVALID, null, epochRule),
                arguments(entry + "{\"offset\":41,\"epoch\":null}}}", INVALID, null, epochRule),
                arguments(entry + "{\"offset\":41,\"epoch\":7}}}", INVALID, null, epochRule),
                arguments(entry + "{\"offset\":41,\"epoch\":{}}}}", INVALID, null, epochRule),
                arguments(entry + "{\"offset\":41,\"epoch\":\"" + "e".repeat(65) + "\"}}}", INVALID, null, epochRule),
                arguments(
                        entry + "{\"offset\":41,\"epoch\":\"" + "\uD83D\uDE80".repeat(65) + "\"}}}",
                        INVALID,
                        null,
                        epochRule),
                arguments(
                        sub + "\"id\":\"a\",\"since\":{\"project.P1\":{\"offset\":-1" + epoch, INVALID, A, offsetRule),
                arguments(sub + "\"since\":" + since(51) + "}", INVALID, null, "at most 50 channels"),
                arguments(
                        sub + "\"since\":{\"" + longKey + "\":{\"offset\":-1" + epoch, INVALID, null, "\"since.x?yyy"),
                arguments(
                        sub + "\"since\":{\"a\":{\"offset\":1,\"epoch\":\"e\"},\"a\":{\"offset\":2,"
                                + "\"epoch\":\"e\"}}}",
                        INVALID,
                        null,
                        "duplicate field \"a\""),
                arguments(entry + "{\"offset\":1,\"offset\":2" + epoch, INVALID, null, "duplicate field \"offset\""),
                arguments(
                        sub + "\"presence_events\":\"true\"}", INVALID, null, "\"presence_events\" must be a boolean"),
                arguments(sub + "\"presence_events\":1}", INVALID, null, "\"presence_events\""),
                arguments(
                        sub + "\"presence_events\":{},\"id\":7}", INVALID, MessageId.number(7), "\"presence_events\""),
                arguments(sub + "\"presence_events\":[true]}", INVALID, null, "\"presence_events\""),
                // The channel list is judged first, then since, then presence_events.
                arguments("{\"type\":\"subscribe\",\"since\":5}", INVALID, null, "channels"),
                arguments(sub + "\"since\":5,\"presence_events\":5}", INVALID, null, "\"since\""));
    }

    /** SPEC §10: the presence query takes exactly one channel, as {@code "channel"}. */
    static Stream<Arguments> presenceFrames() {
        return Stream.of(
                arguments("{\"type\":\"presence\"}", INVALID, null, "presence needs \"channel\""),
                arguments("{\"type\":\"presence\",\"id\":\"a\"}", INVALID, A, "\"channel\""),
                arguments("{\"type\":\"presence\",\"channel\":null}", INVALID, null, "\"channel\""),
                arguments("{\"type\":\"presence\",\"channel\":5}", INVALID, null, "\"channel\" must be a string"),
                arguments("{\"type\":\"presence\",\"channel\":[\"a\"]}", INVALID, null, "\"channel\""),
                arguments("{\"type\":\"presence\",\"channels\":[\"a\"]}", INVALID, null, "not \"channels\""),
                arguments(
                        "{\"type\":\"presence\",\"channels\":[\"a\"],\"channel\":\"a\"}",
                        INVALID,
                        null,
                        "not \"channels\""),
                arguments(
                        "{\"channels\":[],\"id\":9,\"type\":\"presence\"}",
                        INVALID,
                        MessageId.number(9),
                        "not \"channels\""),
                arguments("{\"type\":\"Presence\",\"channel\":\"a\"}", ErrorCode.UNKNOWN_TYPE, null, "presence"),
                arguments("{\"type\":\"presence_event\",\"channel\":\"a\"}", ErrorCode.UNKNOWN_TYPE, null, "type"));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("badFrames")
    void frameIsRefusedWithCodeAndEchoedId(String frame, ErrorCode code, MessageId echoedId, String mentions) {
        ProtocolException refusal = catchThrowableOfType(ProtocolException.class, () -> CODEC.decode(frame));

        assertThat(refusal).as("decode(%s) must fail", frame).isNotNull();
        assertThat(refusal.code()).isEqualTo(code);
        assertThat(refusal.id()).isEqualTo(echoedId);
        assertThat(refusal.getMessage()).containsIgnoringCase(mentions);
        assertThat(refusal.getMessage())
                .hasSizeLessThan(120)
                .doesNotContainIgnoringCase("jackson")
                .doesNotContainIgnoringCase("line:")
                .doesNotContainIgnoringCase("column")
                .doesNotContain("Exception")
                .doesNotContain("\n");
        assertThat(refusal.getStackTrace()).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badFrames")
    void refusalBecomesAnErrorReplyWithTheSameCodeAndId(
            String frame, ErrorCode code, MessageId echoedId, String mentions) {
        ProtocolException refusal = catchThrowableOfType(ProtocolException.class, () -> CODEC.decode(frame));

        ErrorReply reply = refusal.toReply(Golden.NOW);

        assertThat(reply).isEqualTo(new ErrorReply(echoedId, code, refusal.getMessage(), Golden.NOW));
        assertThat(reply.status()).isEqualTo(code.status());
    }

    /** A since object naming {@code count} channels, each at offset 1 of epoch e. */
    static String since(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> "\"project.P" + i + "\":{\"offset\":1,\"epoch\":\"e\"}")
                .collect(Collectors.joining(",", "{", "}"));
    }

    static String channels(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> "\"project.P" + i + "\"")
                .collect(Collectors.joining(",", "[", "]"));
    }
}
