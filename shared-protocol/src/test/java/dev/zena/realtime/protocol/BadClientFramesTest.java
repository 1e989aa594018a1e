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
                arguments("{\"type\":\"ping\",\"x\":1,\"y\":2,\"z\":3,\"x\":4}", INVALID, null, "duplicate field \"x\""),
                arguments("{\"type\":\"ping\",\"id\":NaN}", INVALID, null, "JSON"),
                arguments("{\"type\":\"ping\",\"id\":+1}", INVALID, null, "JSON"),
                arguments("{\"type\":\"ping\",\"id\":01}", INVALID, null, "JSON"),
                arguments("{'type':'ping'}", INVALID, null, "JSON"),
                arguments("{\"type\":\"ping\",}", INVALID, null, "JSON"),
                arguments("{\"type\":\"ping\"} // hi", INVALID, null, "JSON"),
                arguments("[".repeat(5000) + "]".repeat(5000), INVALID, null, "object"),
                arguments("{\"type\":\"ping\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}", INVALID, null,
                        "limits"));
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
    void refusalBecomesAnErrorReplyWithTheSameCodeAndId(String frame, ErrorCode code, MessageId echoedId,
                                                        String mentions) {
        ProtocolException refusal = catchThrowableOfType(ProtocolException.class, () -> CODEC.decode(frame));

        ErrorReply reply = refusal.toReply(Golden.NOW);

        assertThat(reply).isEqualTo(new ErrorReply(echoedId, code, refusal.getMessage(), Golden.NOW));
        assertThat(reply.status()).isEqualTo(code.status());
    }

    static String channels(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> "\"project.P" + i + "\"")
                .collect(Collectors.joining(",", "[", "]"));
    }
}
