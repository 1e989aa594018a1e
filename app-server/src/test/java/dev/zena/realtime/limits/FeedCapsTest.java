package dev.zena.realtime.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zena.realtime.config.ServerConfig;
import dev.zena.realtime.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Admin feeds per user (default 3): a slot is held from the handshake on, so a handshake under way counts. */
class FeedCapsTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final Limits limits = Limits.of(ServerConfig.defaults(), clock);
    private final FeedCaps feeds = limits.feeds();

    @Test
    void aHandshakeUnderWayHoldsItsSlotSoTheFourthOfAUserIsRefused() {
        assertThat(feeds.take("f1", "ann")).isEmpty();
        assertThat(feeds.take("f2", "ann")).isEmpty();
        assertThat(feeds.take("f3", "ann")).isEmpty();
        LimitExceeded refused = feeds.take("f4", "ann").orElseThrow();
        assertThat(refused.limit()).isEqualTo(Limit.ADMIN_FEEDS_PER_USER);
        assertThat(refused.retryAfterSeconds()).isEqualTo(FeedCaps.RETRY_SECONDS);
        assertThat(feeds.take("g1", "bob")).as("another user").isEmpty();
        assertThat(feeds.opened("f1", "ann")).isTrue();
        feeds.release("f1");
        feeds.release("f1");
        assertThat(feeds.ofUser("ann")).isEqualTo(2);
        assertThat(feeds.take("f4", "ann")).isEmpty();
    }

    @Test
    void aSlotWhoseSocketNeverOpenedIsGivenBackAfterTheGrace() {
        assertThat(feeds.take("f1", "ann")).isEmpty();
        assertThat(feeds.take("f2", "ann")).isEmpty();
        assertThat(feeds.opened("f2", "ann")).isTrue();
        assertThat(feeds.take("f3", "ann")).isEmpty();
        clock.advance(Duration.ofNanos(FeedCaps.PENDING_NANOS));
        limits.evictIdle();
        assertThat(feeds.ofUser("ann"))
                .as("the open feed stays, the two pending slots are gone")
                .isEqualTo(1);
        assertThat(feeds.take("f4", "ann")).isEmpty();
        assertThat(feeds.take("f5", "ann")).isEmpty();
        assertThat(feeds.opened("f1", "ann"))
                .as("a late socket with no slot left")
                .isFalse();
        assertThat(feeds.ofUser("ann")).isEqualTo(3);
    }
}
