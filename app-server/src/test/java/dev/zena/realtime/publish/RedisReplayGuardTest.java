package dev.zena.realtime.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.zena.realtime.broker.Envelope;
import dev.zena.realtime.broker.MemoryBroker;
import dev.zena.realtime.broker.RedisBroker;
import dev.zena.realtime.broker.RedisLink;
import dev.zena.realtime.testing.TestRedis;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The cluster's replay guard against a real {@code redis-server}: one node accepts a signature, once. */
@Timeout(30)
class RedisReplayGuardTest {

    private final String prefix = TestRedis.newPrefix();
    private final List<RedisLink> links = new ArrayList<>();

    private RedisLink link(String prefix) {
        RedisLink link = RedisLink.open(TestRedis.get().url(), prefix);
        links.add(link);
        return link;
    }

    @AfterEach
    void close() {
        links.forEach(RedisLink::close);
    }

    @Test
    void aSignatureIsAcceptedByOneNodeOnceAndForgottenAfterItsWindow() {
        long now = System.currentTimeMillis() / 1000;
        RedisReplayGuard a = new RedisReplayGuard(link(prefix), 300);
        RedisReplayGuard b = new RedisReplayGuard(link(prefix), 300);
        assertThat(a.firstUse("sig1", now, now)).isTrue();
        assertThat(b.firstUse("sig1", now, now + 1))
                .as("replayed to another node")
                .isFalse();
        assertThat(a.firstUse("sig1", now, now + 2))
                .as("replayed to the same node")
                .isFalse();
        assertThat(b.firstUse("sig2", now, now)).isTrue();
        RedisLink admin = link("admin");
        long ttl = admin.call(redis -> redis.ttl(prefix + ":replay:sig1"));
        assertThat(ttl)
                .as("until the timestamp is 300 s old, plus the tolerated skew")
                .isBetween(300L + RedisReplayGuard.SKEW_SECONDS - 5, 300L + RedisReplayGuard.SKEW_SECONDS);
    }

    @Test
    void aBroadcastIsClaimedInItsChannelsScopeByThePublishItselfOnceOnEveryNode() {
        long now = System.currentTimeMillis() / 1000;
        RedisLink linkA = link(prefix);
        RedisBroker brokerA = new RedisBroker(linkA, Clock.systemUTC(), 10, Duration.ofMinutes(1));
        RedisBroker brokerB = new RedisBroker(link(prefix), Clock.systemUTC(), 10, Duration.ofMinutes(1));
        try {
            RedisReplayGuard a = new RedisReplayGuard(linkA, 300);
            RedisReplayGuard b = new RedisReplayGuard(links.get(1), 300);
            Envelope event = new Envelope(
                    "acme",
                    "project.p1",
                    "e",
                    JsonNodeFactory.instance.objectNode().put("n", 1),
                    false);
            assertThat(a.publishOnce("sig1", now, now, event, brokerA)).isEqualTo(OptionalInt.of(0));
            assertThat(b.publishOnce("sig1", now, now, event, brokerB))
                    .as("replayed to another node: nothing published")
                    .isEmpty();
            assertThat(brokerB.position("project.p1").offset()).isEqualTo(1);
            assertThat(b.firstUse("sig1", "project.p1", now, now))
                    .as("the same scope as a claim made before a 400")
                    .isFalse();
            assertThat(b.firstUse("sig1", now, now)).as("another scope").isTrue();
            RedisLink admin = link("admin");
            long ttl = admin.call(redis -> redis.ttl(prefix + ":{project.p1}:replay:sig1"));
            assertThat(ttl).isBetween(300L + RedisReplayGuard.SKEW_SECONDS - 5, 300L + RedisReplayGuard.SKEW_SECONDS);
            MemoryBroker memory = new MemoryBroker(Clock.systemUTC(), 10, Duration.ofMinutes(1));
            assertThat(a.publishOnce("sig2", now, now, event, memory))
                    .as("another broker: claimed, then published")
                    .isEqualTo(OptionalInt.of(0));
            assertThat(a.publishOnce("sig2", now, now, event, brokerA)).isEmpty();
        } finally {
            brokerB.close();
            brokerA.close();
        }
    }
}
