package dev.zena.realtime.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zena.realtime.broker.RedisLink;
import dev.zena.realtime.testing.TestRedis;
import java.util.ArrayList;
import java.util.List;
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
}
