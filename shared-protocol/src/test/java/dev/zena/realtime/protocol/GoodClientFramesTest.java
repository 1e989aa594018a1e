package dev.zena.realtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Frames that are accepted, including the edges of each rule and the fields a client may leave out or add. */
class GoodClientFramesTest {

    private static final WireCodec CODEC = new WireCodec();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"type\":\"authenticate\"}",
                "{\"type\":\"authenticate\",\"token\":null}",
                "{\"type\":\"authenticate\",\"token\":\"\"}"
            })
    void missingNullOrEmptyTokenIsAnAuthenticateWithoutToken(String frame) throws ProtocolException {
        assertThat(CODEC.decode(frame)).isEqualTo(new Authenticate(null, null));
    }

    @Test
    void tokenIsPassedThroughAsSent() throws ProtocolException {
        assertThat(CODEC.decode("{\"token\":\" a.b.c \",\"type\":\"authenticate\",\"id\":1}"))
                .isEqualTo(new Authenticate(MessageId.number(1), " a.b.c "));
    }

    @Test
    void authenticateNeverPrintsItsToken() {
        assertThat(new Authenticate(null, "secret.jwt.value").toString()).doesNotContain("secret");
    }

    @Test
    void unknownFieldsAreIgnoredWhateverTheirShape() throws ProtocolException {
        String frame = "{\"extra\":{\"deep\":[1,{\"x\":null}]},\"type\":\"ping\",\"n\":1.5,\"Type\":\"x\",\"ID\":{}}";

        assertThat(CODEC.decode(frame)).isEqualTo(new Ping(null));
    }

    @Test
    void fieldsOfOtherMessageTypesAreUnknownFieldsAndIgnored() throws ProtocolException {
        assertThat(CODEC.decode("{\"type\":\"ping\",\"token\":5,\"channels\":7,\"channel\":[]}"))
                .isEqualTo(new Ping(null));
        assertThat(CODEC.decode("{\"type\":\"authenticate\",\"token\":\"t\",\"channels\":[],\"channel\":1}"))
                .isEqualTo(new Authenticate(null, "t"));
        assertThat(CODEC.decode("{\"type\":\"subscribe\",\"channel\":\"a\",\"token\":{}}"))
                .isEqualTo(new Subscribe(null, List.of("a")));
        assertThat(CODEC.decode("{\"type\":\"ping\",\"since\":5,\"presence_events\":\"x\"}"))
                .isEqualTo(new Ping(null));
        assertThat(CODEC.decode(
                        "{\"type\":\"unsubscribe\",\"channel\":\"a\",\"since\":{\"a\":1}," + "\"presence_events\":[]}"))
                .isEqualTo(new Unsubscribe(null, List.of("a")));
        assertThat(CODEC.decode("{\"type\":\"presence\",\"channel\":\"a\",\"since\":[],\"presence_events\":1,"
                        + "\"token\":5}"))
                .isEqualTo(new PresenceQuery(null, "a"));
    }

    @Test
    void nullIdMeansNoId() throws ProtocolException {
        assertThat(CODEC.decode("{\"type\":\"ping\",\"id\":null}")).isEqualTo(new Ping(null));
    }

    @Test
    void stringIdOfSixtyFourCharactersIsAccepted() throws ProtocolException {
        String id = "x".repeat(64);

        assertThat(CODEC.decode("{\"type\":\"ping\",\"id\":\"" + id + "\"}").id())
                .isEqualTo(MessageId.text(id));
    }

    @Test
    void idLengthCountsCharactersNotUtf16Units() throws ProtocolException {
        String sixtyFourEmoji = "\uD83D\uDE80".repeat(64);

        assertThat(CODEC.decode("{\"type\":\"ping\",\"id\":\"" + sixtyFourEmoji + "\"}")
                        .id())
                .isEqualTo(MessageId.text(sixtyFourEmoji));
    }

    @Test
    void emptyStringIdIsAnId() throws ProtocolException {
        String reply = CODEC.encode(
                new Pong(CODEC.decode("{\"type\":\"ping\",\"id\":\"\"}").id(), Golden.NOW));

        assertThat(reply).startsWith("{\"type\":\"pong\",\"id\":\"\",");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0",
                "-0",
                "7",
                "-12",
                "1.0",
                "1.50",
                "-0.001",
                "1e3",
                "1E-7",
                "2.5e+10",
                "123456789012345678901234567890",
                "0.1000000000000000055511151231257827"
            })
    void numericIdIsEchoedWithTheExactLiteral(String literal) throws ProtocolException {
        ClientMessage ping = CODEC.decode("{\"type\":\"ping\",\"id\":" + literal + "}");

        assertThat(CODEC.encode(new Pong(ping.id(), Golden.NOW)))
                .isEqualTo("{\"type\":\"pong\",\"id\":" + literal + ",\"timestamp\":\"2026-11-25T10:30:00.123Z\"}");
    }

    @Test
    void stringIdThatLooksLikeANumberStaysAString() throws ProtocolException {
        ClientMessage ping = CODEC.decode("{\"type\":\"ping\",\"id\":\"42\"}");

        assertThat(CODEC.encode(new Pong(ping.id(), Golden.NOW))).contains("\"id\":\"42\"");
    }

    @Test
    void fiftyChannelsAreAcceptedInRequestOrder() throws ProtocolException {
        List<String> names =
                IntStream.rangeClosed(1, 50).mapToObj(i -> "project.P" + i).toList();

        ClientMessage message =
                CODEC.decode("{\"type\":\"subscribe\",\"channels\":" + BadClientFramesTest.channels(50) + "}");

        assertThat(message).isEqualTo(new Subscribe(null, names));
    }

    @Test
    void channelNamesArePassedThroughUnvalidatedAndDuplicatesKept() throws ProtocolException {
        assertThat(CODEC.decode("{\"type\":\"unsubscribe\",\"channels\":[\"\",\"a b\",\"a b\",\"\u00e9.1\"]}"))
                .isEqualTo(new Unsubscribe(null, List.of("", "a b", "a b", "\u00e9.1")));
    }

    @Test
    void nullChannelsBesideAChannelCountsAsAbsent() throws ProtocolException {
        assertThat(CODEC.decode("{\"type\":\"subscribe\",\"channels\":null,\"channel\":\"a\"}"))
                .isEqualTo(new Subscribe(null, List.of("a")));
        assertThat(CODEC.decode("{\"type\":\"subscribe\",\"channels\":[\"a\"],\"channel\":null}"))
                .isEqualTo(new Subscribe(null, List.of("a")));
    }

    @Test
    void whitespaceAroundTheObjectIsAllowed() throws ProtocolException {
        assertThat(CODEC.decode(" \n\t{ \"type\" : \"ping\" }\r\n ")).isEqualTo(new Ping(null));
    }

    @Test
    void escapedStringsAreDecoded() throws ProtocolException {
        assertThat(CODEC.decode("{\"type\":\"subscribe\",\"channel\":\"task.\\u0054\\\"1\"}"))
                .isEqualTo(new Subscribe(null, List.of("task.T\"1")));
    }

    @Test
    void sinceIsReadWhenTypeComesLast() throws ProtocolException {
        ClientMessage message = CODEC.decode("{\"presence_events\":true,\"since\":{\"a\":{\"offset\":3,"
                + "\"epoch\":\"e\"}},\"channel\":\"a\",\"type\":\"subscribe\"}");

        assertThat(message).isEqualTo(new Subscribe(null, List.of("a"), Map.of("a", new StreamPosition(3, "e")), true));
    }

    @Test
    void sinceKeepsTheWireOrderOfItsKeys() throws ProtocolException {
        Subscribe subscribe = (Subscribe) CODEC.decode("{\"type\":\"subscribe\",\"channels\":[\"a\",\"b\",\"c\"],"
                + "\"since\":{\"c\":{\"offset\":1,\"epoch\":\"e\"},\"a\":{\"offset\":2,\"epoch\":\"e\"},"
                + "\"b\":{\"offset\":3,\"epoch\":\"e\"}}}");

        assertThat(subscribe.since().keySet()).containsExactly("c", "a", "b");
        assertThat(subscribe.since()).isUnmodifiable();
    }

    @Test
    void sinceKeyNotAmongTheChannelsIsKeptForTheServerToIgnore() throws ProtocolException {
        Subscribe subscribe = (Subscribe) CODEC.decode("{\"type\":\"subscribe\",\"channel\":\"a\","
                + "\"since\":{\"elsewhere\":{\"offset\":1,\"epoch\":\"e\"},\"\":{\"offset\":2,\"epoch\":\"e\"}}}");

        assertThat(subscribe.channels()).containsExactly("a");
        assertThat(subscribe.since().keySet()).containsExactly("elsewhere", "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "41", "9007199254740991", "9007199254740992"})
    void sinceOffsetIsAnyIntegerFromZeroToTwoToTheFiftyThird(String offset) throws ProtocolException {
        Subscribe subscribe = (Subscribe) CODEC.decode("{\"type\":\"subscribe\",\"channel\":\"a\","
                + "\"since\":{\"a\":{\"offset\":" + offset + ",\"epoch\":\"e\"}}}");

        assertThat(subscribe.since().get("a").offset()).isEqualTo(Long.parseLong(offset));
    }

    static Stream<String> validEpochs() {
        return Stream.of("e", "k3Jx9q", " spaced out ", "e".repeat(64), "\uD83D\uDE80".repeat(64));
    }

    @ParameterizedTest
    @MethodSource("validEpochs")
    void sinceEpochIsAnyStringOfOneToSixtyFourCharactersKeptAsSent(String epoch) throws ProtocolException {
        Subscribe subscribe = (Subscribe) CODEC.decode("{\"type\":\"subscribe\",\"channel\":\"a\","
                + "\"since\":{\"a\":{\"offset\":1,\"epoch\":\"" + epoch + "\"}}}");

        assertThat(subscribe.since().get("a").epoch()).isEqualTo(epoch);
    }

    @Test
    void sinceOfFiftyChannelsIsAccepted() throws ProtocolException {
        Subscribe subscribe = (Subscribe) CODEC.decode("{\"type\":\"subscribe\",\"channels\":"
                + BadClientFramesTest.channels(50) + ",\"since\":" + BadClientFramesTest.since(50) + "}");

        assertThat(subscribe.since()).hasSize(50).containsKeys("project.P1", "project.P50");
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "false", "null"})
    void presenceEventsIsABooleanAndNullIsFalse(String value) throws ProtocolException {
        Subscribe subscribe = (Subscribe)
                CODEC.decode("{\"type\":\"subscribe\",\"channel\":\"a\"," + "\"presence_events\":" + value + "}");

        assertThat(subscribe.presenceEvents()).isEqualTo(value.equals("true"));
    }

    @Test
    void presenceChannelIsPassedThroughUnvalidated() throws ProtocolException {
        assertThat(CODEC.decode("{\"type\":\"presence\",\"id\":1,\"channel\":\"a b\"}"))
                .isEqualTo(new PresenceQuery(MessageId.number(1), "a b"));
        assertThat(CODEC.decode("{\"type\":\"presence\",\"channel\":\"\"}")).isEqualTo(new PresenceQuery(null, ""));
    }

    @Test
    void decodedChannelListIsImmutable() throws ProtocolException {
        Subscribe subscribe = (Subscribe) CODEC.decode("{\"type\":\"subscribe\",\"channels\":[\"a\"]}");

        assertThat(subscribe.channels()).isUnmodifiable();
    }
}
