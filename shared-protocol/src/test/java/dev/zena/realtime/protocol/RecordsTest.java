package dev.zena.realtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Invariants the message records keep, so nothing built in code can produce an invalid frame. */
class RecordsTest {

    @Test
    void textIdLongerThanSixtyFourCharactersIsRejected() {
        assertThatThrownBy(() -> MessageId.text("x".repeat(65))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageId.text("\uD83D\uDE80".repeat(65))).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "+1", "01", "1.", ".5", "1e", "1e+", "NaN", "Infinity", "0x10", "1 ", " 1", "1,0"})
    void numericIdMustBeAJsonNumberLiteral(String literal) {
        assertThatThrownBy(() -> new MessageId.Numeric(literal)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "10", "0.5", "-1.25e-3", "1E9", "1e+2"})
    void numericIdAcceptsJsonNumberLiterals(String literal) {
        assertThat(new MessageId.Numeric(literal).literal()).isEqualTo(literal);
    }

    @Test
    void numericIdOfALong() {
        assertThat(MessageId.number(-42)).isEqualTo(new MessageId.Numeric("-42"));
    }

    @Test
    void subscribeNeedsOneToFiftyChannels() {
        List<String> fiftyOne = Collections.nCopies(51, "a");

        assertThatThrownBy(() -> new Subscribe(null, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Unsubscribe(null, fiftyOne)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Subscribe(null, Collections.nCopies(50, "a")).channels()).hasSize(50);
    }

    @Test
    void listsAreCopiedSoLaterChangesDoNotLeakIn() {
        List<String> granted = new ArrayList<>(List.of("a"));
        Subscription subscription = new Subscription(null, granted, List.of(), Golden.NOW);

        granted.add("b");

        assertThat(subscription.granted()).containsExactly("a").isUnmodifiable();
    }

    @Test
    void emptyTokenIsNoToken() {
        assertThat(new Authenticate(null, "").token()).isNull();
    }

    @Test
    void eventWithoutDataCarriesJsonNull() {
        Event event = new Event("task.T1", "task.deleted", null, 3, false, Golden.NOW);

        assertThat(event.data()).isEqualTo(NullNode.getInstance());
        assertThat(new WireCodec().encode(event)).contains("\"data\":null,");
    }

    @Test
    void statusFollowsTheCode() {
        assertThat(new Denial("c", ErrorCode.NOT_FOUND, "m").status()).isEqualTo(404);
        assertThat(new Reason(ErrorCode.FORBIDDEN, "m").status()).isEqualTo(403);
        assertThat(new ErrorReply(null, ErrorCode.RATE_LIMITED, "m", Golden.NOW).status()).isEqualTo(429);
    }

    @Test
    void typeNamesMatchTheWire() {
        assertThat(List.of(new Authenticate(null, "t").type(), new Subscribe(null, List.of("a")).type(),
                new Unsubscribe(null, List.of("a")).type(), new Ping(null).type()))
                .containsExactly("authenticate", "subscribe", "unsubscribe", "ping");
        assertThat(new Pong(null, Golden.NOW).type()).isEqualTo("pong");
        assertThat(new ErrorReply(null, ErrorCode.INTERNAL, "m", Golden.NOW).type()).isEqualTo("error");
    }
}
