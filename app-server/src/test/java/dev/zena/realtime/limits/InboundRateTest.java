package dev.zena.realtime.limits;

import static dev.zena.realtime.limits.InboundVerdict.Action.ACCEPT;
import static dev.zena.realtime.limits.InboundVerdict.Action.CLOSE_ABUSE;
import static dev.zena.realtime.limits.InboundVerdict.Action.REFUSE_SILENTLY;
import static dev.zena.realtime.limits.InboundVerdict.Action.REFUSE_WITH_REPLY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zena.realtime.config.ServerConfig;
import dev.zena.realtime.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SPEC §5 message rates with a clock that only moves when told. Defaults: 10/s per connection, 500/s per tenant. */
class InboundRateTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final Limits limits = Limits.of(ServerConfig.defaults(), clock);

    @Test
    void aFullBucketAdmitsTenThenRefusesWithOneReplyPerSecondAndDropsTheRestSilently() {
        InboundRate rate = limits.newInboundRate();
        List<InboundVerdict.Action> actions = frames(rate, null, 13);
        assertThat(actions)
                .containsExactly(
                        ACCEPT,
                        ACCEPT,
                        ACCEPT,
                        ACCEPT,
                        ACCEPT,
                        ACCEPT,
                        ACCEPT,
                        ACCEPT,
                        ACCEPT,
                        ACCEPT,
                        REFUSE_WITH_REPLY,
                        REFUSE_SILENTLY,
                        REFUSE_SILENTLY);
        assertThat(rate.onFrame(null, null).limit()).isEqualTo(Limit.MESSAGES_PER_CONNECTION);
    }

    @Test
    void refillsGreedilyOneTokenPerTenthOfASecond() {
        InboundRate rate = limits.newInboundRate();
        frames(rate, null, 10);
        clock.advance(Duration.ofMillis(100));
        assertThat(rate.onFrame(null, null).action()).isEqualTo(ACCEPT);
        assertThat(rate.onFrame(null, null).action()).isEqualTo(REFUSE_WITH_REPLY);
        clock.advance(Duration.ofMillis(999));
        assertThat(frames(rate, null, 9)).containsOnly(ACCEPT);
        assertThat(rate.onFrame(null, null).action())
                .as("999 ms after the last reply")
                .isEqualTo(REFUSE_SILENTLY);
        clock.advance(Duration.ofMillis(1));
        assertThat(frames(rate, null, 2))
                .as("0.99 + 0.01 tokens, then a second since the last reply")
                .containsExactly(ACCEPT, REFUSE_WITH_REPLY);
    }

    @Test
    void refusalsInFiveConsecutiveSecondsAskForTheAbuseClose() {
        InboundRate rate = limits.newInboundRate();
        for (int second = 1; second <= 4; second++) {
            List<InboundVerdict.Action> actions = frames(rate, null, 11);
            assertThat(actions).contains(REFUSE_WITH_REPLY).doesNotContain(CLOSE_ABUSE);
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(frames(rate, null, 11)).endsWith(CLOSE_ABUSE);
    }

    @Test
    void aRefusalFloodsFromTheSecondSecondOfRefusalsOrAtOnceForAUserJustClosedWith4008() {
        InboundRate rate = limits.newInboundRate();
        frames(rate, "acme", 10);
        assertThat(rate.onFrame("acme", "ann").isFlooding())
                .as("a burst within one second")
                .isFalse();
        clock.advance(Duration.ofSeconds(1));
        frames(rate, "acme", 10);
        assertThat(rate.onFrame("acme", "ann").isFlooding())
                .as("refused in a second second")
                .isTrue();
        InboundVerdict last = null;
        for (int second = 3; second <= 5; second++) {
            clock.advance(Duration.ofSeconds(1));
            for (int i = 0; i < 11; i++) {
                last = rate.onFrame("acme", "ann");
            }
        }
        assertThat(last.action()).isEqualTo(CLOSE_ABUSE);
        clock.advance(Duration.ofSeconds(1));
        InboundRate again = limits.newInboundRate();
        frames(again, "acme", 10);
        assertThat(again.onFrame("acme", "ann").isFlooding())
                .as("ann was closed with 4008 a second ago")
                .isTrue();
        assertThat(again.onFrame("acme", "bob").isFlooding()).as("another user").isFalse();
        clock.advance(Duration.ofSeconds(RecentAbuse.BACK_OFF_SECONDS));
        InboundRate later = limits.newInboundRate();
        frames(later, "acme", 10);
        assertThat(later.onFrame("acme", "ann").isFlooding())
                .as("after the back-off")
                .isFalse();
    }

    @Test
    void aSecondWithoutRefusalRestartsTheCount() {
        InboundRate rate = limits.newInboundRate();
        for (int second = 1; second <= 4; second++) {
            frames(rate, null, 11);
            clock.advance(Duration.ofSeconds(1));
        }
        clock.advance(Duration.ofSeconds(1));
        for (int second = 1; second <= 4; second++) {
            assertThat(frames(rate, null, 11)).doesNotContain(CLOSE_ABUSE);
            clock.advance(Duration.ofSeconds(1));
        }
    }

    @Test
    void aTenantsConnectionsShareItsBucketAndUnauthenticatedFramesCountOnlyPerConnection() {
        List<InboundRate> connections = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            connections.add(limits.newInboundRate());
        }
        for (int i = 0; i < 50; i++) {
            assertThat(frames(connections.get(i), "acme", 10)).containsOnly(ACCEPT);
        }
        InboundVerdict refused = connections.get(50).onFrame("acme", null);
        assertThat(refused.action()).isEqualTo(REFUSE_WITH_REPLY);
        assertThat(refused.limit()).isEqualTo(Limit.MESSAGES_PER_TENANT);
        assertThat(limits.newInboundRate().onFrame("globex", null).action()).isEqualTo(ACCEPT);
        assertThat(limits.newInboundRate().onFrame(null, null).action())
                .as("not authenticated")
                .isEqualTo(ACCEPT);
    }

    private static List<InboundVerdict.Action> frames(InboundRate rate, String tenant, int n) {
        List<InboundVerdict.Action> actions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            actions.add(rate.onFrame(tenant, null).action());
        }
        return actions;
    }
}
