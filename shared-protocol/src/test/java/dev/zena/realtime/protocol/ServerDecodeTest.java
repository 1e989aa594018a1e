package dev.zena.realtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.IntNode;
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

    @Test
    void eventWithoutEpochOrWithNullEpochHasNone() throws ProtocolException {
        String base = "{\"type\":\"event\",\"channel\":\"c\",\"event\":\"e\",\"data\":1,\"offset\":2," + TS;
        Event expected = new Event("c", "e", IntNode.valueOf(1), 2, false, Golden.NOW);

        assertThat(CODEC.decodeServer(base + "}")).isEqualTo(expected);
        assertThat(CODEC.decodeServer(base + ",\"epoch\":null,\"recovered\":false}"))
                .isEqualTo(expected);
    }

    @Test
    void subscriptionWithNullRecoveryHasNoneAndPositionsKeepTheirOrder() throws ProtocolException {
        Subscription subscription = (Subscription) CODEC.decodeServer("{\"type\":\"subscription\",\"granted\":[],"
                + "\"denied\":[],\"positions\":{\"z\":{\"offset\":1,\"epoch\":\"e\"},\"a\":{\"offset\":0,"
                + "\"epoch\":\"e\"}},\"recovery\":null," + TS + "}");

        assertThat(subscription.recovery()).isNull();
        assertThat(subscription.positions().keySet()).containsExactly("z", "a");
    }

    @Test
    void resyncWithAReasonThisVersionDoesNotKnowIsKept() throws ProtocolException {
        assertThat(CODEC.decodeServer("{\"type\":\"resync\",\"channel\":\"c\",\"offset\":3,\"epoch\":\"e\","
                        + "\"reason\":\"node_moved\"," + TS + "}"))
                .isEqualTo(new Resync("c", 3, "e", "node_moved", Golden.NOW));
    }

    /** Every SPEC §9 and §10 server message with one field wrong: a client refuses it rather than guessing. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"type\":\"subscription\",\"granted\":[],\"denied\":[]} | positions",
                "{\"type\":\"subscription\",\"granted\":[],\"denied\":[],\"positions\":[]} | positions",
                "{\"type\":\"subscription\",\"granted\":[],\"denied\":[],\"positions\":{\"a\":5}} | positions",
                "{\"type\":\"subscription\",\"granted\":[],\"denied\":[],\"positions\":{\"a\":{\"offset\":-1,\"epoch\":\"e\"}}} | offset",
                "{\"type\":\"subscription\",\"granted\":[],\"denied\":[],\"positions\":{\"a\":{\"offset\":1.5,\"epoch\":\"e\"}}} | offset",
                "{\"type\":\"subscription\",\"granted\":[],\"denied\":[],\"positions\":{\"a\":{\"offset\":9007199254740993,\"epoch\":\"e\"}}} | offset",
                "{\"type\":\"subscription\",\"granted\":[],\"denied\":[],\"positions\":{\"a\":{\"offset\":1,\"epoch\":\"\"}}} | epoch",
                "{\"type\":\"subscription\",\"granted\":[],\"denied\":[],\"positions\":{},\"recovery\":[]} | recovery",
                "{\"type\":\"subscription\",\"granted\":[],\"denied\":[],\"positions\":{},\"recovery\":{\"a\":{\"recovered\":\"yes\"}}} | recovered",
                "{\"type\":\"subscription\",\"granted\":[],\"denied\":[],\"positions\":{},\"recovery\":{\"a\":{\"recovered\":true,\"reason\":\"too_many\"}}} | reason",
                "{\"type\":\"subscription\",\"granted\":[],\"denied\":[],\"positions\":{},\"recovery\":{\"a\":{\"recovered\":false}}} | reason",
                "{\"type\":\"subscription\",\"granted\":[],\"denied\":[],\"positions\":{},\"recovery\":{\"a\":{\"recovered\":false,\"reason\":\"lost\"}}} | reason",
                "{\"type\":\"event\",\"channel\":\"c\",\"event\":\"e\",\"data\":1,\"offset\":1,\"epoch\":5} | epoch",
                "{\"type\":\"event\",\"channel\":\"c\",\"event\":\"e\",\"data\":1,\"offset\":1,\"epoch\":\"\"} | epoch",
                "{\"type\":\"event\",\"channel\":\"c\",\"event\":\"e\",\"data\":1,\"offset\":1,\"recovered\":\"true\"} | recovered",
                "{\"type\":\"resync\",\"channel\":\"c\",\"offset\":1,\"reason\":\"epoch_changed\"} | epoch",
                "{\"type\":\"resync\",\"channel\":\"c\",\"offset\":-1,\"epoch\":\"e\",\"reason\":\"epoch_changed\"} | offset",
                "{\"type\":\"resync\",\"channel\":\"c\",\"offset\":1,\"epoch\":\"e\"} | reason",
                "{\"type\":\"resync\",\"channel\":\"c\",\"offset\":1,\"epoch\":\"e\",\"reason\":\"\"} | reason",
                "{\"type\":\"presence\",\"channel\":\"c\",\"count\":0,\"users\":[]} | truncated",
                "{\"type\":\"presence\",\"channel\":\"c\",\"count\":-1,\"users\":[],\"truncated\":false} | count",
                "{\"type\":\"presence\",\"channel\":\"c\",\"count\":1,\"users\":[\"u\"],\"truncated\":false} | users",
                "{\"type\":\"presence\",\"channel\":\"c\",\"count\":1,\"users\":[{\"user_id\":\"u\",\"user_name\":\"U\",\"connections\":-1}],\"truncated\":false} | connections",
                "{\"type\":\"presence_event\",\"channel\":\"c\",\"event\":\"arrived\",\"user\":{\"user_id\":\"u\",\"user_name\":\"U\"},\"connections\":1} | event",
                "{\"type\":\"presence_event\",\"channel\":\"c\",\"event\":\"joined\",\"user_id\":\"u\",\"connections\":1} | user",
                "{\"type\":\"presence_event\",\"channel\":\"c\",\"event\":\"left\",\"user\":{\"user_id\":\"u\"},\"connections\":0} | user_name",
                "{\"type\":\"presence_summary\",\"channel\":\"c\",\"count\":1,\"joined\":[1],\"left\":[]} | joined",
                "{\"type\":\"presence_summary\",\"channel\":\"c\",\"count\":1,\"joined\":[]} | left"
            })
    void malformedRecoveryAndPresenceFramesAreRefusedNamingTheField(String frame, String field) {
        String stamped = frame.substring(0, frame.length() - 1) + "," + TS + "}";

        ProtocolException refusal = catchThrowableOfType(ProtocolException.class, () -> CODEC.decodeServer(stamped));

        assertThat(refusal).as("decodeServer(%s) must fail", stamped).isNotNull();
        assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(refusal.getMessage()).startsWith("\"" + field + "\"");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "[] | INVALID_MESSAGE",
                "nope | INVALID_MESSAGE",
                "{\"type\":\"pong\"} | INVALID_MESSAGE",
                "{\"type\":\"pong\",\"timestamp\":\"soon\"} | INVALID_MESSAGE",
                "{\"type\":\"mystery\",\"timestamp\":\"2026-11-25T10:30:00.123Z\"} | UNKNOWN_TYPE",
                "{\"type\":\"error\",\"code\":\"WHAT\",\"message\":\"m\",\"timestamp\":\"2026-11-25T10:30:00Z\"} | INVALID_MESSAGE",
                "{\"type\":\"event\",\"channel\":\"c\",\"event\":\"e\",\"data\":1,\"offset\":\"1\",\"timestamp\":\"2026-11-25T10:30:00Z\"} | INVALID_MESSAGE",
                "{\"type\":\"connection\",\"connection_id\":\"c\",\"heartbeat\":30,\"timestamp\":\"2026-11-25T10:30:00Z\"} | INVALID_MESSAGE",
                "{\"type\":\"pong\",\"type\":\"pong\",\"timestamp\":\"2026-11-25T10:30:00Z\"} | INVALID_MESSAGE"
            })
    void malformedServerFramesAreRefused(String frame, ErrorCode code) {
        ProtocolException refusal = catchThrowableOfType(ProtocolException.class, () -> CODEC.decodeServer(frame));

        assertThat(refusal).isNotNull();
        assertThat(refusal.code()).isEqualTo(code);
    }
}
