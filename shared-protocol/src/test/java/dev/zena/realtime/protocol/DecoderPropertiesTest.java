package dev.zena.realtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/**
 * Properties of the client-frame decoder over generated input (issue 18, fuzzing): whatever a client sends, the
 * decoder answers with a message or a {@link ProtocolException} — never another exception, never a stack overflow —
 * and every message a client library can write decodes back to itself. The hand-picked bad frames and their exact
 * codes are {@link BadClientFramesTest}'s; these properties cover the space between them.
 */
class DecoderPropertiesTest {

    private static final WireCodec CODEC = new WireCodec();

    @Property(tries = 500)
    void anyTextIsAMessageOrAProtocolError(@ForAll @StringLength(max = 300) String text) {
        assertDecodesOrRefuses(text);
    }

    @Property(tries = 500)
    void anyJsonShapeIsAMessageOrAProtocolError(@ForAll("jsonValues") String json) {
        assertDecodesOrRefuses(json);
    }

    @Property(tries = 300)
    void anyObjectOfAKnownTypeWithRandomFieldsIsAMessageOrAProtocolError(@ForAll("typedObjects") String json) {
        assertDecodesOrRefuses(json);
    }

    @Property(tries = 50)
    void deepNestingIsRefusedAsInvalidNotAStackOverflow(
            @ForAll @IntRange(min = 1_000, max = 200_000) int depth, @ForAll boolean arrays) {
        String open = arrays ? "[" : "{\"a\":";
        String close = arrays ? "]" : "}";
        String json = "{\"type\":\"subscribe\",\"channels\":" + open.repeat(depth) + "1" + close.repeat(depth) + "}";

        Throwable thrown = catchThrowable(() -> CODEC.decode(json));

        assertThat(thrown).isInstanceOf(ProtocolException.class);
        assertThat(((ProtocolException) thrown).code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
    }

    @Property(tries = 300)
    void everyClientMessageDecodesBackToItself(@ForAll("clientMessages") ClientMessage message) throws Exception {
        assertThat(CODEC.decode(CODEC.encode(message))).isEqualTo(message);
    }

    @Property(tries = 300)
    void aRefusalEchoesOnlyAnIdTheFrameCarried(@ForAll("typedObjects") String json) {
        Throwable thrown = catchThrowable(() -> CODEC.decode(json));
        if (thrown instanceof ProtocolException refusal && refusal.id() != null) {
            String echoed = CODEC.encode(new Ping(refusal.id()));
            String literal = echoed.substring(echoed.indexOf("\"id\":") + 5, echoed.length() - 1);
            assertThat(json).contains(literal);
        }
    }

    private static void assertDecodesOrRefuses(String text) {
        Throwable thrown = catchThrowable(() -> assertThat(CODEC.decode(text)).isNotNull());
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(ProtocolException.class);
            ProtocolException refusal = (ProtocolException) thrown;
            assertThat(refusal.code()).isIn(ErrorCode.INVALID_MESSAGE, ErrorCode.UNKNOWN_TYPE);
            assertThat(refusal.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<String> jsonValues() {
        return json(4);
    }

    @Provide
    Arbitrary<String> typedObjects() {
        Arbitrary<String> type = Arbitraries.of(
                "authenticate", "subscribe", "unsubscribe", "presence", "ping", "pong", "", "PING", "subscribe ");
        Arbitrary<String> key = Arbitraries.of(
                "id", "token", "channel", "channels", "since", "presence_events", "type", "offset", "epoch", "x");
        Arbitrary<String> field = Combinators.combine(key, json(3)).as((k, v) -> quote(k) + ":" + v);
        return Combinators.combine(type, field.list().ofMaxSize(5))
                .as((t, fields) -> "{\"type\":" + quote(t)
                        + fields.stream().map(f -> "," + f).reduce("", String::concat) + "}");
    }

    @Provide
    Arbitrary<ClientMessage> clientMessages() {
        Arbitrary<MessageId> id = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(MessageId.MAX_TEXT_LENGTH).map(MessageId::text),
                Arbitraries.longs().between(-(1L << 53), 1L << 53).map(MessageId::number));
        Arbitrary<MessageId> maybeId = Arbitraries.oneOf(id, Arbitraries.just(null));
        Arbitrary<String> name = Arbitraries.strings().ofMinLength(1).ofMaxLength(80);
        Arbitrary<List<String>> channels =
                name.list().ofMinSize(1).ofMaxSize(ClientMessage.MAX_CHANNELS).uniqueElements();
        return Arbitraries.oneOf(
                maybeId.map(Ping::new),
                Combinators.combine(
                                maybeId, Arbitraries.strings().ofMinLength(1).ofMaxLength(500))
                        .as(Authenticate::new),
                Combinators.combine(maybeId, channels).as(Subscribe::new),
                Combinators.combine(maybeId, channels).as(Unsubscribe::new),
                Combinators.combine(maybeId, name).as(PresenceQuery::new));
    }

    /** JSON text of every shape up to {@code depth}: scalars, odd numbers, escapes, arrays, objects. */
    private static Arbitrary<String> json(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                Arbitraries.of("null", "true", "false", "0", "-0", "1e400", "-1.5E-7", "9007199254740993", "1.0"),
                Arbitraries.longs().map(n -> Long.toString(n)),
                Arbitraries.doubles().map(d -> Double.toString(d)),
                Arbitraries.strings().ofMaxLength(70).map(DecoderPropertiesTest::quote));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<String> inner = Arbitraries.lazy(() -> json(depth - 1));
        Arbitrary<String> array = inner.list().ofMaxSize(4).map(items -> "[" + String.join(",", items) + "]");
        Arbitrary<String> object = Combinators.combine(Arbitraries.strings().ofMaxLength(10), inner)
                .as((k, v) -> quote(k) + ":" + v)
                .list()
                .ofMaxSize(4)
                .map(fields -> "{" + String.join(",", fields) + "}");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, scalar), net.jqwik.api.Tuple.of(1, array), net.jqwik.api.Tuple.of(1, object));
    }

    /** A JSON string literal for any Java string, lone surrogates and control characters included. */
    private static String quote(String raw) {
        StringBuilder out = new StringBuilder("\"");
        raw.chars().forEach(c -> {
            if (c == '"' || c == '\\') {
                out.append('\\').append((char) c);
            } else if (c < 0x20 || Character.isSurrogate((char) c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.append((char) c);
            }
        });
        return out.append('"').toString();
    }
}
