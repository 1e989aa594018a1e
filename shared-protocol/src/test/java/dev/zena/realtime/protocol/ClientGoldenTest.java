package dev.zena.realtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Client messages against golden/client (byte-exact both ways) and golden/client-alias: the one-channel
 * {@code "channel"} alias decodes to the same record as the array form, so it cannot re-encode to itself;
 * the encoder writes the canonical {@code "channels"} form.
 */
class ClientGoldenTest {

    private static final WireCodec CODEC = new WireCodec();
    private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1X3pvZSJ9.c2lnbmF0dXJl";
    private static final Map<String, ClientMessage> GOLDENS = goldens();

    private static Map<String, ClientMessage> goldens() {
        Map<String, ClientMessage> m = new LinkedHashMap<>();
        m.put("authenticate.json", new Authenticate(null, TOKEN));
        m.put("authenticate-with-id.json", new Authenticate(MessageId.text("auth-1"), TOKEN));
        m.put(
                "subscribe-channels.json",
                new Subscribe(MessageId.text("s1"), List.of("project.P1", "task.T1", "dashboard.u_zoe")));
        m.put("subscribe-one-channel.json", new Subscribe(null, List.of("project.P1")));
        m.put("unsubscribe.json", new Unsubscribe(MessageId.number(9), List.of("task.T1")));
        m.put(
                "subscribe-since.json",
                new Subscribe(MessageId.text("s2"), List.of("project.P1", "task.T1"), since(), false));
        m.put("subscribe-presence-events.json", new Subscribe(null, List.of("project.P1"), Map.of(), true));
        m.put(
                "subscribe-since-presence-events.json",
                new Subscribe(
                        MessageId.number(3),
                        List.of("project.P1"),
                        Map.of("project.P1", new StreamPosition(StreamPosition.MAX_OFFSET, "k3Jx9q")),
                        true));
        m.put("presence.json", new PresenceQuery(null, "project.P1"));
        m.put("presence-with-id.json", new PresenceQuery(MessageId.text("q1"), "project.P1"));
        m.put("ping.json", new Ping(null));
        m.put("ping-string-id.json", new Ping(MessageId.text("ping-1")));
        m.put("ping-numeric-id.json", new Ping(new MessageId.Numeric("12345678901234567890")));
        m.put("ping-decimal-id.json", new Ping(new MessageId.Numeric("-0.250")));
        m.put("ping-exponent-id.json", new Ping(new MessageId.Numeric("1E+3")));
        return m;
    }

    /** Deliberately not in the order of {@code channels}: since keeps its own wire order. */
    private static Map<String, StreamPosition> since() {
        Map<String, StreamPosition> since = new LinkedHashMap<>();
        since.put("task.T1", new StreamPosition(41, "k3Jx9q"));
        since.put("project.P1", new StreamPosition(0, "m81zq0"));
        return since;
    }

    static Stream<String> goldenNames() {
        return GOLDENS.keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenNames")
    void encodingTheRecordGivesTheGoldenText(String name) {
        assertThat(CODEC.encode(GOLDENS.get(name))).isEqualTo(Golden.read("client", name));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenNames")
    void decodingTheGoldenTextGivesTheRecord(String name) throws ProtocolException {
        assertThat(CODEC.decode(Golden.read("client", name))).isEqualTo(GOLDENS.get(name));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenNames")
    void goldenTextRoundTripsByteForByte(String name) throws ProtocolException {
        String golden = Golden.read("client", name);
        assertThat(CODEC.encode(CODEC.decode(golden))).isEqualTo(golden);
    }

    @Test
    void everyGoldenFileIsChecked() {
        assertThat(Golden.names("client")).containsExactlyInAnyOrderElementsOf(GOLDENS.keySet());
        assertThat(Golden.names("client-alias"))
                .containsExactlyInAnyOrder(
                        "subscribe-channel-alias.json",
                        "unsubscribe-channel-alias.json",
                        "subscribe-since-null.json",
                        "subscribe-since-empty.json",
                        "subscribe-since-unknown-fields.json",
                        "presence-channel-first.json");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"subscribe-since-null.json", "subscribe-since-empty.json"})
    void nullOrEmptySinceAndFalsePresenceEventsAreAPlainSubscribe(String name) throws ProtocolException {
        ClientMessage decoded = CODEC.decode(Golden.read("client-alias", name));

        assertThat(decoded).isEqualTo(new Subscribe(null, List.of("project.P1")));
        assertThat(CODEC.encode(decoded)).isEqualTo(Golden.read("client", "subscribe-one-channel.json"));
    }

    @Test
    void unknownFieldsInsideSinceAreIgnoredAndTheCanonicalFormDropsThem() throws ProtocolException {
        ClientMessage decoded = CODEC.decode(Golden.read("client-alias", "subscribe-since-unknown-fields.json"));

        assertThat(CODEC.encode(decoded)).isEqualTo(Golden.read("client", "subscribe-since.json"));
    }

    @Test
    void presenceQueryFieldsMayComeInAnyOrderWithNullChannels() throws ProtocolException {
        ClientMessage decoded = CODEC.decode(Golden.read("client-alias", "presence-channel-first.json"));

        assertThat(CODEC.encode(decoded)).isEqualTo(Golden.read("client", "presence-with-id.json"));
    }

    @Test
    void subscribeChannelAliasDecodesAsAOneElementListAndReencodesInCanonicalForm() throws ProtocolException {
        ClientMessage decoded = CODEC.decode(Golden.read("client-alias", "subscribe-channel-alias.json"));

        assertThat(decoded).isEqualTo(new Subscribe(null, List.of("project.P1")));
        assertThat(CODEC.encode(decoded)).isEqualTo(Golden.read("client", "subscribe-one-channel.json"));
    }

    @Test
    void unsubscribeChannelAliasDecodesAsAOneElementList() throws ProtocolException {
        ClientMessage decoded = CODEC.decode(Golden.read("client-alias", "unsubscribe-channel-alias.json"));

        assertThat(decoded).isEqualTo(new Unsubscribe(MessageId.text("u1"), List.of("task.T1")));
        assertThat(CODEC.encode(decoded))
                .isEqualTo("{\"type\":\"unsubscribe\",\"id\":\"u1\",\"channels\":[\"task.T1\"]}");
    }
}
