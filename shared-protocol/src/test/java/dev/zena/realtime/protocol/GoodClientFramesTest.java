package dev.zena.realtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Frames that are accepted, including the edges of each rule and the fields a client may leave out or add. */
class GoodClientFramesTest {

    private static final WireCodec CODEC = new WireCodec();

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"authenticate\"}",
        "{\"type\":\"authenticate\",\"token\":null}",
        "{\"type\":\"authenticate\",\"token\":\"\"}"})
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
    }

    @Test
    void nullIdMeansNoId() throws ProtocolException {
        assertThat(CODEC.decode("{\"type\":\"ping\",\"id\":null}")).isEqualTo(new Ping(null));
    }

    @Test
    void stringIdOfSixtyFourCharactersIsAccepted() throws ProtocolException {
        String id = "x".repeat(64);

        assertThat(CODEC.decode("{\"type\":\"ping\",\"id\":\"" + id + "\"}").id()).isEqualTo(MessageId.text(id));
    }

    @Test
    void idLengthCountsCharactersNotUtf16Units() throws ProtocolException {
        String sixtyFourEmoji = "\uD83D\uDE80".repeat(64);

        assertThat(CODEC.decode("{\"type\":\"ping\",\"id\":\"" + sixtyFourEmoji + "\"}").id())
                .isEqualTo(MessageId.text(sixtyFourEmoji));
    }

    @Test
    void emptyStringIdIsAnId() throws ProtocolException {
        String reply = CODEC.encode(new Pong(CODEC.decode("{\"type\":\"ping\",\"id\":\"\"}").id(), Golden.NOW));

        assertThat(reply).startsWith("{\"type\":\"pong\",\"id\":\"\",");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "7", "-12", "1.0", "1.50", "-0.001", "1e3", "1E-7", "2.5e+10",
        "123456789012345678901234567890", "0.1000000000000000055511151231257827"})
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
        List<String> names = IntStream.rangeClosed(1, 50).mapToObj(i -> "project.P" + i).toList();

        ClientMessage message = CODEC.decode("{\"type\":\"subscribe\",\"channels\":"
                + BadClientFramesTest.channels(50) + "}");

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
    void decodedChannelListIsImmutable() throws ProtocolException {
        Subscribe subscribe = (Subscribe) CODEC.decode("{\"type\":\"subscribe\",\"channels\":[\"a\"]}");

        assertThat(subscribe.channels()).isUnmodifiable();
    }
}
