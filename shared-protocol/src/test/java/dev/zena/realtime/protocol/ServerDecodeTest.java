package dev.zena.realtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Client-side decoding of server frames beyond the goldens: what is tolerated and what is refused. */
class ServerDecodeTest {

    private static final WireCodec CODEC = new WireCodec();
    private static final String TS = "\"timestamp\":\"2026-11-25T10:30:00.123Z\"";

    @Test
    void unknownFieldsAndAnyFieldOrderAreTolerated() throws ProtocolException {
        ServerMessage message = CODEC.decodeServer("{" + TS + ",\"extra\":[1],\"id\":5,\"type\":\"pong\"}");

        assertThat(message).isEqualTo(new Pong(MessageId.number(5), Golden.NOW));
    }

    @Test
    void nullReasonIsNoReason() throws ProtocolException {
        ServerMessage message = CODEC.decodeServer("{\"type\":\"unsubscription\",\"channels\":[\"a\"],"
                + "\"remaining_channels\":[],\"reason\":null," + TS + "}");

        assertThat(message).isEqualTo(new Unsubscription(null, List.of("a"), List.of(), null, Golden.NOW));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[] | INVALID_MESSAGE",
        "nope | INVALID_MESSAGE",
        "{\"type\":\"pong\"} | INVALID_MESSAGE",
        "{\"type\":\"pong\",\"timestamp\":\"soon\"} | INVALID_MESSAGE",
        "{\"type\":\"mystery\",\"timestamp\":\"2026-11-25T10:30:00.123Z\"} | UNKNOWN_TYPE",
        "{\"type\":\"error\",\"code\":\"WHAT\",\"message\":\"m\",\"timestamp\":\"2026-11-25T10:30:00Z\"} | INVALID_MESSAGE",
        "{\"type\":\"event\",\"channel\":\"c\",\"event\":\"e\",\"data\":1,\"offset\":\"1\",\"timestamp\":\"2026-11-25T10:30:00Z\"} | INVALID_MESSAGE",
        "{\"type\":\"connection\",\"connection_id\":\"c\",\"heartbeat\":30,\"timestamp\":\"2026-11-25T10:30:00Z\"} | INVALID_MESSAGE",
        "{\"type\":\"pong\",\"type\":\"pong\",\"timestamp\":\"2026-11-25T10:30:00Z\"} | INVALID_MESSAGE"})
    void malformedServerFramesAreRefused(String frame, ErrorCode code) {
        ProtocolException refusal = catchThrowableOfType(ProtocolException.class, () -> CODEC.decodeServer(frame));

        assertThat(refusal).isNotNull();
        assertThat(refusal.code()).isEqualTo(code);
    }
}
