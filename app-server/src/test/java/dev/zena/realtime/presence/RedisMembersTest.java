package dev.zena.realtime.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zena.realtime.broker.RedisLink;
import dev.zena.realtime.testing.TestRedis;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Members in Redis under the members contract (against a real {@code redis-server}, a prefix per test), and what
 * only a cluster shows: two nodes counting one user once, and a node that dies without a word (it stops beating)
 * losing its share within the heartbeat bound, its users departing as if their connections had closed.
 */
class RedisMembersTest extends MembersContract {

    /** Short enough for a test to watch a node lapse. */
    private static final Duration SHORT_TTL = Duration.ofMillis(1200);

    private final String prefix = TestRedis.newPrefix();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @Override
    protected Members newMembers() {
        return node("n0", RedisMembers.HEARTBEAT_TTL);
    }

    private RedisMembers node(String nodeId, Duration heartbeatTtl) {
        RedisLink link = RedisLink.open(TestRedis.get().url(), prefix);
        RedisMembers members = new RedisMembers(link, nodeId, GRACE, Clock.systemUTC(), heartbeatTtl);
        closeables.add(link);
        closeables.add(members); // closed in reverse: the members before their link
        return members;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    @Test
    void twoNodesCountAUserOnceAndAnnounceOneJoinAndOneDeparture() {
        RedisMembers a = node("a", RedisMembers.HEARTBEAT_TTL);
        RedisMembers b = node("b", RedisMembers.HEARTBEAT_TTL);
        assertThat(a.join("project.p1", "acme", "u1", "Ann", T0)).isTrue();
        assertThat(b.join("project.p1", "acme", "u1", "Ann", T0))
                .as("the same user on another node")
                .isFalse();
        assertThat(b.roll("project.p1", 10).users()).containsExactly(new Member("u1", "Ann", 2));
        a.leave("project.p1", "u1", T0);
        assertThat(a.count("project.p1")).isEqualTo(1);
        b.leave("project.p1", "u1", T0);
        assertThat(a.count("project.p1")).isZero();
        List<Departure> fromA = a.dueDepartures(T0.plus(GRACE));
        List<Departure> fromB = b.dueDepartures(T0.plus(GRACE));
        assertThat(fromA.size() + fromB.size())
                .as("exactly one node announces it")
                .isEqualTo(1);
        assertThat(fromA.isEmpty() ? fromB : fromA).containsExactly(new Departure("project.p1", "acme", "u1", "Ann"));
    }

    @Test
    void aNodeLooksForDeparturesWhenOneItKnowsIsDueAndAnotherNodesAtItsNextRegularLook() {
        RedisMembers a = node("a", RedisMembers.HEARTBEAT_TTL);
        RedisMembers b = node("b", RedisMembers.HEARTBEAT_TTL);
        assertThat(b.dueDepartures(T0)).as("b's first look: nothing pending").isEmpty();
        Instant leftAt = T0.minus(GRACE).plusMillis(100); // due at T0 + 100 ms
        a.join("project.p1", "acme", "u1", "Ann", leftAt);
        a.leave("project.p1", "u1", leftAt);
        assertThat(b.dueDepartures(T0.plusMillis(200)))
                .as("b was not told of a's departure and does not look again before its next regular look")
                .isEmpty();
        assertThat(b.dueDepartures(T0.plusMillis(DepartureIndex.LOOK_MILLIS)))
                .as("b's regular look finds it (a node that died with departures pending)")
                .containsExactly(new Departure("project.p1", "acme", "u1", "Ann"));

        a.join("project.p2", "acme", "u2", "Bob", leftAt);
        a.leave("project.p2", "u2", leftAt);
        assertThat(a.dueDepartures(T0.plusMillis(100)))
                .as("a recorded it, so a looks as soon as it is due")
                .containsExactly(new Departure("project.p2", "acme", "u2", "Bob"));
    }

    @Test
    void aNodeThatStopsBeatingLosesItsShareWithinTheBoundAndItsUsersDepart() {
        RedisMembers a = node("a", SHORT_TTL);
        RedisMembers b = node("b", SHORT_TTL);
        Instant now = Instant.now();
        assertThat(a.join("project.p1", "acme", "u1", "Ann", now)).isTrue();
        assertThat(b.join("project.p1", "acme", "u1", "Ann", now)).isFalse();
        assertThat(b.join("project.p1", "acme", "u2", "Bob", now)).isTrue();
        assertThat(b.join("task.t1", "acme", "u2", "Bob", now)).isTrue();

        b.halt(); // killed: no leave, no clean-up
        await().atMost(SHORT_TTL.multipliedBy(4)).until(() -> a.count("project.p1") == 1);
        assertThat(a.roll("project.p1", 10).users()).containsExactly(new Member("u1", "Ann", 1));
        assertThat(a.count("task.t1")).isZero();
        List<Departure> departed = a.dueDepartures(Instant.now().plus(GRACE));
        assertThat(departed)
                .containsExactlyInAnyOrder(
                        new Departure("project.p1", "acme", "u2", "Bob"),
                        new Departure("task.t1", "acme", "u2", "Bob"));
        assertThat(a.join("project.p1", "acme", "u2", "Bob", Instant.now()))
                .as("back after departing")
                .isTrue();
    }

    @Test
    void aNodeBackFromALapseRestoresItsShareAndAPendingDepartureIsCancelled() {
        RedisMembers a = node("a", SHORT_TTL);
        RedisMembers b = node("b", SHORT_TTL);
        b.join("project.p1", "acme", "u2", "Bob", Instant.now());
        b.halt();
        await().atMost(SHORT_TTL.multipliedBy(4)).until(() -> a.count("project.p1") == 0);
        b.beat(); // b was only paused: its next beat finds its heartbeat lapsed and sets its share again
        assertThat(a.count("project.p1")).isEqualTo(1);
        assertThat(a.dueDepartures(Instant.now().plus(GRACE).plusSeconds(1)))
                .as("the departure was cancelled")
                .isEmpty();
    }

    @Test
    void everyKeyStartsWithThePrefixAndAChannelsKeysShareItsHashTag() {
        RedisLink admin = RedisLink.open(TestRedis.get().url(), "admin");
        closeables.add(admin);
        java.util.Set<String> before = new java.util.HashSet<>(admin.call(redis -> redis.keys("*")));
        RedisMembers a = node("a", RedisMembers.HEARTBEAT_TTL);
        a.join("project.p1", "acme", "u1", "Ann", T0);
        a.join("project.p1", "acme", "u2", "Bob", T0);
        a.leave("project.p1", "u2", T0);
        java.util.Set<String> created = new java.util.HashSet<>(admin.call(redis -> redis.keys("*")));
        created.removeAll(before);
        assertThat(created).isNotEmpty().allMatch(key -> key.startsWith(prefix + ":"));
        List<String> ours = admin.call(redis -> redis.keys(prefix + ":*"));
        assertThat(ours)
                .containsExactlyInAnyOrder(
                        prefix + ":{project.p1}:present",
                        prefix + ":{project.p1}:who",
                        prefix + ":{project.p1}:departing",
                        prefix + ":{project.p1}:node:a",
                        prefix + ":presence:departing",
                        prefix + ":nodes",
                        prefix + ":node:a",
                        prefix + ":node:a:channels",
                        prefix + ":node:n0");
    }

    @Test
    void whileRedisIsDownJoinsAndLeavesAreKeptAndSetAgainOnceItIsBack() {
        RedisMembers a = node("a", SHORT_TTL);
        a.join("project.p1", "acme", "u1", "Ann", Instant.now());
        TestRedis.get().stop();
        try {
            assertThat(a.join("project.p1", "acme", "u2", "Bob", Instant.now()))
                    .as("no throw, no joined")
                    .isFalse();
            a.join("project.p1", "acme", "u3", "Cy", Instant.now());
            a.leave("project.p1", "u3", Instant.now());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> a.count("project.p1"))
                    .isInstanceOf(dev.zena.realtime.broker.BrokerUnavailableException.class);
        } finally {
            TestRedis.get().start(); // an empty Redis: everything this node holds must be set again
        }
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> a.count("project.p1") == 2);
        assertThat(a.roll("project.p1", 10).users())
                .containsExactly(new Member("u1", "Ann", 1), new Member("u2", "Bob", 1));
    }

    @Test
    void aUserWithoutANameAndATenantWithColonsComeBackAsTheyWent() {
        members.join("project.p1", "te:n:ant", "u1", null, T0);
        assertThat(members.roll("project.p1", 10).users()).containsExactly(new Member("u1", null, 1));
        members.leave("project.p1", "u1", T0);
        assertThat(members.dueDepartures(T0.plus(GRACE)))
                .containsExactly(new Departure("project.p1", "te:n:ant", "u1", null));
    }
}
