package dev.zena.realtime.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link Members} must do (SPEC §10): presence per user over all their connections, {@code joined}
 * answered once per 0 → 1, a departure once per 1 → 0 that outlived the leave grace, none for a user back within
 * it. A Redis implementation runs the same tests.
 */
@Timeout(60)
public abstract class MembersContract {

    /** The leave grace of the members under test. */
    protected static final Duration GRACE = Duration.ofSeconds(5);

    protected static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    protected Members members;

    /** Fresh members with a leave grace of {@link #GRACE}. */
    protected abstract Members newMembers();

    @BeforeEach
    void start() {
        members = newMembers();
    }

    @Test
    void aUsersFirstConnectionJoinsAndTheNextOnesDoNot() {
        assertThat(members.join("project.p1", "acme", "u1", "Ann", T0)).isTrue();
        assertThat(members.join("project.p1", "acme", "u1", "Ann", T0)).isFalse();
        assertThat(members.join("project.p1", "acme", "u2", "Bob", T0)).isTrue();
        assertThat(members.join("project.p2", "acme", "u1", "Ann", T0))
                .as("another channel")
                .isTrue();
        assertThat(members.count("project.p1")).isEqualTo(2);
        assertThat(members.roll("project.p1", 10))
                .isEqualTo(
                        new Roll(2, java.util.List.of(new Member("u1", "Ann", 2), new Member("u2", "Bob", 1)), false));
    }

    @Test
    void closingOneOfTwoTabsChangesNothingButTheCount() {
        members.join("project.p1", "acme", "u1", "Ann", T0);
        members.join("project.p1", "acme", "u1", "Ann", T0);
        members.leave("project.p1", "u1", T0);
        assertThat(members.roll("project.p1", 10).users()).containsExactly(new Member("u1", "Ann", 1));
        assertThat(members.dueDepartures(T0.plus(GRACE).plusSeconds(1))).isEmpty();
    }

    @Test
    void aLastConnectionLeavingDepartsOnceTheGraceIsOverAndOnlyOnce() {
        members.join("project.p1", "acme", "u1", "Ann", T0);
        members.leave("project.p1", "u1", T0);
        assertThat(members.count("project.p1")).isZero();
        assertThat(members.roll("project.p1", 10).users()).isEmpty();
        assertThat(members.dueDepartures(T0.plus(GRACE).minusMillis(1))).isEmpty();
        assertThat(members.dueDepartures(T0.plus(GRACE)))
                .containsExactly(new Departure("project.p1", "acme", "u1", "Ann"));
        assertThat(members.dueDepartures(T0.plus(GRACE).plusSeconds(10))).isEmpty();
        assertThat(members.join("project.p1", "acme", "u1", "Ann", T0.plusSeconds(20)))
                .as("back after the departure was announced: a new join")
                .isTrue();
    }

    @Test
    void aUserBackWithinTheGraceNeitherDepartsNorJoinsAgain() {
        members.join("project.p1", "acme", "u1", "Ann", T0);
        members.leave("project.p1", "u1", T0);
        assertThat(members.join("project.p1", "acme", "u1", "Ann", T0.plusSeconds(2)))
                .isFalse();
        assertThat(members.dueDepartures(T0.plusSeconds(60))).isEmpty();
        assertThat(members.count("project.p1")).isEqualTo(1);
    }

    @Test
    void theRollIsExactAndListsAtMostTheAskedUsersById() {
        for (String id : new String[] {"u5", "u3", "u1", "u4", "u2"}) {
            members.join("project.p1", "acme", id, "User " + id, T0);
        }
        Roll roll = members.roll("project.p1", 3);
        assertThat(roll.count()).isEqualTo(5);
        assertThat(roll.isTruncated()).isTrue();
        assertThat(roll.users()).extracting(Member::userId).containsExactly("u1", "u2", "u3");
        assertThat(members.roll("project.nobody", 3)).isEqualTo(new Roll(0, java.util.List.of(), false));
    }

    @Test
    void racingConnectionsOfOneUserJoinExactlyOnceAndDepartExactlyOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger joined = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        try {
            java.util.List<Future<?>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < 64; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    if (members.join("project.p1", "acme", "u1", "Ann", T0)) {
                        joined.incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(10, TimeUnit.SECONDS);
            }
            assertThat(joined).hasValue(1);
            futures.clear();
            for (int i = 0; i < 64; i++) {
                futures.add(pool.submit(() -> members.leave("project.p1", "u1", T0)));
            }
            for (Future<?> f : futures) {
                f.get(10, TimeUnit.SECONDS);
            }
            assertThat(members.count("project.p1")).isZero();
            assertThat(members.dueDepartures(T0.plus(GRACE))).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
