package dev.zena.realtime.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zena.realtime.broker.RedisLink;
import dev.zena.realtime.testing.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The caps' Lua scripts against a real {@code redis-server} (a prefix per test): two nodes share one count per user
 * and per tenant; a node that stops beating loses its share within its lease; a Redis that lost its data gets
 * every node's share back from the nodes' own counts.
 */
@Timeout(60)
class RedisConnectionCapsTest {

    /** Short enough for a test to watch a node's lease lapse. */
    private static final Duration SHORT_LEASE = Duration.ofMillis(1200);

    private static final int PER_TENANT = 3;
    private static final int PER_USER = 2;

    private final String prefix = TestRedis.newPrefix();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    private RedisConnectionCaps node(String nodeId, Duration lease) {
        RedisLink link = RedisLink.open(TestRedis.get().url(), prefix);
        RedisConnectionCaps caps = new RedisConnectionCaps(link, nodeId, PER_TENANT, PER_USER, lease);
        closeables.add(link);
        closeables.add(caps); // closed in reverse: the caps before their link
        return caps;
    }

    private RedisLink admin() {
        RedisLink link = RedisLink.open(TestRedis.get().url(), "admin");
        closeables.add(link);
        return link;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    private static Optional<Limit> limitOf(Optional<LimitExceeded> denial) {
        return denial.map(LimitExceeded::limit);
    }

    @Test
    void twoNodesCountOneUserAndOneTenantTogether() {
        RedisConnectionCaps a = node("a", RedisConnectionCaps.LEASE_TTL);
        RedisConnectionCaps b = node("b", RedisConnectionCaps.LEASE_TTL);
        assertThat(a.admit("c1", "acme", "ann")).isEmpty();
        assertThat(b.admit("c2", "acme", "ann")).isEmpty();
        assertThat(limitOf(a.admit("c3", "acme", "ann"))).contains(Limit.CONNECTIONS_PER_USER);
        assertThat(limitOf(b.admit("c3", "acme", "ann"))).contains(Limit.CONNECTIONS_PER_USER);
        assertThat(b.admit("c4", "acme", "bob")).isEmpty();
        assertThat(limitOf(a.admit("c5", "acme", "cy"))).contains(Limit.CONNECTIONS_PER_TENANT);
        assertThat(a.admit("c6", "globex", "gil")).as("another tenant").isEmpty();
        assertThat(a.shared("acme", "ann")).isEqualTo(new RedisConnectionCaps.Counts(3, 2));

        b.release("c2");
        b.release("c2"); // a second close of the same connection takes nothing more
        assertThat(a.shared("acme", "ann")).isEqualTo(new RedisConnectionCaps.Counts(2, 1));
        assertThat(a.admit("c3", "acme", "ann")).isEmpty();
        assertThat(a.admit("c3", "acme", "ann"))
                .as("a refresh is not counted again")
                .isEmpty();
        assertThat(b.shared("acme", "ann")).isEqualTo(new RedisConnectionCaps.Counts(3, 2));
        assertThat(a.ofUser("ann")).isEqualTo(2);
        assertThat(a.ofTenant("acme")).isEqualTo(2);
    }

    @Test
    void aNodeThatStopsBeatingLosesItsShareWithinItsLease() {
        RedisConnectionCaps a = node("a", SHORT_LEASE);
        RedisConnectionCaps b = node("b", SHORT_LEASE);
        assertThat(b.admit("c1", "acme", "ann")).isEmpty();
        assertThat(b.admit("c2", "acme", "ann")).isEmpty();
        assertThat(limitOf(a.admit("c3", "acme", "ann"))).contains(Limit.CONNECTIONS_PER_USER);

        b.halt(); // killed: no release, no clean-up
        await().atMost(SHORT_LEASE.multipliedBy(4))
                .until(() -> a.admit("c3", "acme", "ann").isEmpty());
        assertThat(a.shared("acme", "ann")).isEqualTo(new RedisConnectionCaps.Counts(1, 1));
    }

    @Test
    void aNodeThatKeepsBeatingKeepsItsShareBeyondItsLease() {
        RedisConnectionCaps a = node("a", SHORT_LEASE);
        RedisConnectionCaps b = node("b", SHORT_LEASE);
        assertThat(b.admit("c1", "acme", "ann")).isEmpty();
        assertThat(b.admit("c2", "acme", "ann")).isEmpty();
        RedisLink admin = admin();
        String leases = prefix + ":caps:{acme}:leases";
        long firstLease = Long.parseLong(admin.call(redis -> redis.hget(leases, "b")));
        await().atMost(SHORT_LEASE.multipliedBy(4))
                .until(() -> Long.parseLong(admin.call(redis -> redis.hget(leases, "b"))) > firstLease + 1200);
        assertThat(limitOf(a.admit("c3", "acme", "ann")))
                .as("renewed past its first lease")
                .contains(Limit.CONNECTIONS_PER_USER);
    }

    @Test
    void aRedisThatLostItsDataGetsEveryShareBackFromTheNodes() {
        RedisConnectionCaps a = node("a", RedisConnectionCaps.LEASE_TTL);
        RedisConnectionCaps b = node("b", RedisConnectionCaps.LEASE_TTL);
        assertThat(a.admit("c1", "acme", "ann")).isEmpty();
        assertThat(b.admit("c2", "acme", "ann")).isEmpty();
        RedisLink admin = admin();
        admin.call(redis -> redis.del(admin.call(r -> r.keys(prefix + ":*")).toArray(String[]::new)));
        assertThat(a.shared("acme", "ann")).isEqualTo(new RedisConnectionCaps.Counts(0, 0));

        assertThat(a.admit("c3", "acme", "bob"))
                .as("an admission sets its node's share first")
                .isEmpty();
        assertThat(a.shared("acme", "ann")).isEqualTo(new RedisConnectionCaps.Counts(2, 1));
        b.beat(); // the other node at its next beat
        assertThat(a.shared("acme", "ann")).isEqualTo(new RedisConnectionCaps.Counts(3, 2));
        assertThat(limitOf(a.admit("c4", "acme", "ann"))).contains(Limit.CONNECTIONS_PER_USER);
    }

    @Test
    void aStoppedNodeGivesItsShareBackAndLeavesNoKeys() throws Exception {
        RedisConnectionCaps a = node("a", RedisConnectionCaps.LEASE_TTL);
        RedisConnectionCaps b = node("b", RedisConnectionCaps.LEASE_TTL);
        assertThat(a.admit("c1", "acme", "ann")).isEmpty();
        assertThat(b.admit("c2", "acme", "ann")).isEmpty();
        RedisLink admin = admin();
        List<String> keys = admin.call(redis -> redis.keys(prefix + ":*"));
        assertThat(keys).containsExactlyInAnyOrder(prefix + ":caps:{acme}:leases", prefix + ":caps:{acme}:counts");
        b.close();
        assertThat(a.shared("acme", "ann")).isEqualTo(new RedisConnectionCaps.Counts(1, 1));
        a.release("c1");
        List<String> left = admin.call(redis -> redis.keys(prefix + ":*"));
        assertThat(left).as("nothing left once no node holds the tenant").isEmpty();
    }
}
