package dev.zena.realtime.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zena.realtime.auth.Principal;
import dev.zena.realtime.store.Role;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The moments the sweeper looks at before a connection's stripe comes round (ADR 0033): each taken once when due,
 * a new token's expiry replacing the old one, nothing left once the connection closed.
 */
class DeadlinesTest {

    private final Deadlines deadlines = new Deadlines();

    private static WsLink link(int stripe) {
        return new WsLink(null, null, null, null, stripe);
    }

    private static Principal expiringAt(long millis) {
        return new Principal("u1", "acme", "Ann", Role.values()[0], Instant.ofEpochMilli(millis), null, null);
    }

    @Test
    void aMomentIsTakenOnceWhenDueAndInOrder() {
        WsLink early = link(0);
        WsLink late = link(1);
        deadlines.authDeadline(late, 2_000);
        deadlines.authDeadline(early, 1_000);
        assertThat(deadlines.due(999)).isEmpty();
        assertThat(deadlines.due(1_500)).containsExactly(early);
        assertThat(deadlines.due(1_500)).as("taken once").isEmpty();
        assertThat(deadlines.due(5_000)).containsExactly(late);
        assertThat(deadlines.size()).isZero();
    }

    @Test
    void aNewTokenReplacesTheExpiryOfTheOldOneAndTheSameTokenQueuesNothingMore() {
        WsLink link = link(0);
        Principal first = expiringAt(1_000);
        deadlines.principalSeen(link, first);
        deadlines.principalSeen(link, first);
        assertThat(deadlines.size()).isEqualTo(1);
        deadlines.principalSeen(link, expiringAt(9_000)); // refreshed by a later authenticate
        assertThat(deadlines.size()).isEqualTo(1);
        assertThat(deadlines.due(5_000)).as("the old expiry is gone").isEmpty();
        assertThat(deadlines.due(9_000)).containsExactly(link);
        deadlines.principalSeen(link, null);
        assertThat(deadlines.size()).isZero();
    }

    @Test
    void bothMomentsOfOneLinkDueTogetherGiveItOnceAndAClosedLinkLeavesNothing() {
        WsLink both = link(0);
        deadlines.authDeadline(both, 1_000);
        deadlines.principalSeen(both, expiringAt(1_000));
        assertThat(deadlines.due(1_000)).containsExactly(both);

        WsLink closed = link(1);
        deadlines.authDeadline(closed, 1_000);
        deadlines.principalSeen(closed, expiringAt(2_000));
        deadlines.forget(closed);
        assertThat(deadlines.size()).isZero();
        deadlines.principalSeen(closed, expiringAt(3_000)); // a lane task that ran after the close
        deadlines.authDeadline(closed, 3_000);
        assertThat(deadlines.size()).as("a closed link queues nothing more").isZero();
        assertThat(deadlines.due(10_000)).isEmpty();
    }
}
