package dev.zena.realtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Invariants the message records keep, so nothing built in code can produce an invalid frame. */
class RecordsTest {

    @Test
    void textIdLongerThanSixtyFourCharactersIsRejected() {
        assertThatThrownBy(() -> MessageId.text("x".repeat(65))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageId.text("\uD83D\uDE80".repeat(65)))
                .isInstanceOf(IllegalArgumentException.class);
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
        assertThat(new ErrorReply(null, ErrorCode.RATE_LIMITED, "m", Golden.NOW).status())
                .isEqualTo(429);
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, Long.MIN_VALUE, (1L << 53) + 1, Long.MAX_VALUE})
    void positionOffsetIsFromZeroToTwoToTheFiftyThird(long offset) {
        assertThatThrownBy(() -> new StreamPosition(offset, "e")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Resync("c", offset, "e", Resync.MESSAGES_LOST, Golden.NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new StreamPosition(StreamPosition.MAX_OFFSET, "e").offset()).isEqualTo(9_007_199_254_740_992L);
        assertThat(new StreamPosition(0, "e").offset()).isZero();
    }

    @Test
    void epochIsOneToSixtyFourCharactersWhereverItIsCarried() {
        String tooLong = "\uD83D\uDE80".repeat(65);

        assertThatThrownBy(() -> new StreamPosition(1, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new StreamPosition(1, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StreamPosition(1, tooLong)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Event("c", "e", null, 1, "", false, false, Golden.NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Resync("c", 1, "", Resync.EPOCH_CHANGED, Golden.NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new StreamPosition(1, "\uD83D\uDE80".repeat(64)).epoch()).hasSize(128);
    }

    @Test
    void subscribeSinceIsAnOrderedUnmodifiableCopyAndNeverNull() {
        Map<String, StreamPosition> since = new LinkedHashMap<>();
        since.put("z", new StreamPosition(1, "e"));
        since.put("a", new StreamPosition(2, "e"));
        Subscribe subscribe = new Subscribe(null, List.of("a"), since, false);

        since.put("b", new StreamPosition(3, "e"));

        assertThat(subscribe.since().keySet()).containsExactly("z", "a");
        assertThat(subscribe.since()).isUnmodifiable();
        assertThat(new Subscribe(null, List.of("a"), null, true).since()).isEmpty();
    }

    @Test
    void plainSubscribeHasNoSinceAndNoPresenceEvents() {
        assertThat(new Subscribe(MessageId.text("s"), List.of("a")))
                .isEqualTo(new Subscribe(MessageId.text("s"), List.of("a"), Map.of(), false));
    }

    @Test
    void subscribeSinceHoldsAtMostFiftyChannelsAndNoNulls() {
        Map<String, StreamPosition> fiftyOne = new LinkedHashMap<>();
        IntStream.range(0, 51).forEach(i -> fiftyOne.put("c" + i, new StreamPosition(i, "e")));
        Map<String, StreamPosition> nullValue = new HashMap<>();
        nullValue.put("a", null);

        assertThatThrownBy(() -> new Subscribe(null, List.of("a"), fiftyOne, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Subscribe(null, List.of("a"), nullValue, false))
                .isInstanceOf(NullPointerException.class);
        fiftyOne.remove("c50");
        assertThat(new Subscribe(null, List.of("a"), fiftyOne, false).since()).hasSize(50);
    }

    @Test
    void subscriptionPositionsAreNeverNullAndRecoveryIsAbsentUnlessGiven() {
        Subscription plain = new Subscription(null, List.of("a"), List.of(), Golden.NOW);
        Map<String, Recovery> recovery = new LinkedHashMap<>();
        recovery.put("b", Recovery.failed(RecoveryFailure.TOO_MANY));
        recovery.put("a", Recovery.RECOVERED);
        Subscription recovering = new Subscription(
                null, List.of("a", "b"), List.of(), Map.of("a", new StreamPosition(1, "e")), recovery, Golden.NOW);

        recovery.clear();

        assertThat(plain.positions()).isEmpty();
        assertThat(plain.recovery()).isNull();
        assertThat(recovering.recovery().keySet()).containsExactly("b", "a");
        assertThat(recovering.recovery()).isUnmodifiable();
        assertThat(recovering.positions()).isUnmodifiable();
        assertThatThrownBy(() -> new Subscription(null, List.of(), List.of(), null, null, Golden.NOW))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void recoveryHasAReasonExactlyWhenItFailed() {
        assertThat(Recovery.RECOVERED).isEqualTo(new Recovery(true, null));
        assertThat(Recovery.failed(RecoveryFailure.OFFSET_EXPIRED).recovered()).isFalse();
        assertThatThrownBy(() -> new Recovery(true, RecoveryFailure.TOO_MANY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Recovery(false, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Recovery.failed(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void eventBuiltTheOldWayHasNoEpochAndIsLive() {
        Event event = new Event("c", "e", null, 4, true, Golden.NOW);

        assertThat(event).isEqualTo(new Event("c", "e", null, 4, null, true, false, Golden.NOW));
        assertThat(new WireCodec().encode(event)).doesNotContain("epoch").doesNotContain("recovered");
    }

    @Test
    void presenceEventIsJoinedOrLeft() {
        assertThatThrownBy(() -> new PresenceEvent("c", "Joined", "u", "U", 1, Golden.NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PresenceEvent("c", PresenceEvent.LEFT, "u", "U", -1, Golden.NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new PresenceEvent("c", PresenceEvent.LEFT, "u", "U", 0, Golden.NOW).event())
                .isEqualTo("left");
    }

    @Test
    void presenceCountsAreNotNegativeAndListsAreCopied() {
        List<PresenceMember> users = new ArrayList<>(List.of(new PresenceMember("u", "U", 2)));
        List<String> joined = new ArrayList<>(List.of("u"));
        Presence presence = new Presence(null, "c", 1, users, false, Golden.NOW);
        PresenceSummary summary = new PresenceSummary("c", 1, joined, List.of(), Golden.NOW);

        users.clear();
        joined.clear();

        assertThat(presence.users()).hasSize(1).isUnmodifiable();
        assertThat(summary.joined()).containsExactly("u").isUnmodifiable();
        assertThatThrownBy(() -> new Presence(null, "c", -1, List.of(), false, Golden.NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PresenceSummary("c", -1, List.of(), List.of(), Golden.NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PresenceMember("u", "U", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PresenceQuery(null, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void typeNamesMatchTheWire() {
        assertThat(List.of(
                        new Authenticate(null, "t").type(),
                        new Subscribe(null, List.of("a")).type(),
                        new Unsubscribe(null, List.of("a")).type(),
                        new Ping(null).type()))
                .containsExactly("authenticate", "subscribe", "unsubscribe", "ping");
        assertThat(new Pong(null, Golden.NOW).type()).isEqualTo("pong");
        assertThat(new ErrorReply(null, ErrorCode.INTERNAL, "m", Golden.NOW).type())
                .isEqualTo("error");
        assertThat(new PresenceQuery(null, "c").type()).isEqualTo("presence");
        assertThat(List.of(
                        new Resync("c", 0, "e", Resync.EPOCH_CHANGED, Golden.NOW).type(),
                        new Presence(null, "c", 0, List.of(), false, Golden.NOW).type(),
                        new PresenceEvent("c", PresenceEvent.JOINED, "u", "U", 1, Golden.NOW).type(),
                        new PresenceSummary("c", 0, List.of(), List.of(), Golden.NOW).type()))
                .containsExactly("resync", "presence", "presence_event", "presence_summary");
    }
}
