package dev.zena.realtime.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zena.realtime.broker.RedisLink;
import dev.zena.realtime.testing.TestClock;
import dev.zena.realtime.testing.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * bucket4j's Lettuce buckets against a real {@code redis-server}: two nodes draw from one bucket per key, timed by
 * the injected clock, and the bucket's key expires in Redis one period after it would be full again.
 */
@Timeout(60)
class RedisKeyedRateTest {

    private final TestClock clock = new TestClock(Instant.now());
    private final String prefix = TestRedis.newPrefix();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    private RedisKeyedRate node(Rate rate, Limit limit) {
        RedisLink link = RedisLink.open(TestRedis.get().url(), prefix);
        RedisKeyedRate keyed = new RedisKeyedRate(limit, rate, link, new ClockTimeMeter(clock));
        closeables.add(link);
        closeables.add(keyed);
        return keyed;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    @Test
    void twoNodesDrawFromOneBucketPerKey() {
        RedisKeyedRate a = node(Rate.perMinute(60), Limit.REST_PER_USER);
        RedisKeyedRate b = node(Rate.perMinute(60), Limit.REST_PER_USER);
        for (int i = 0; i < 30; i++) {
            assertThat(a.tryAcquire("u1")).isEmpty();
            assertThat(b.tryAcquire("u1")).isEmpty();
        }
        LimitExceeded onA = a.tryAcquire("u1").orElseThrow();
        assertThat(onA.limit()).isEqualTo(Limit.REST_PER_USER);
        assertThat(onA.retryAfterSeconds()).isEqualTo(1);
        assertThat(b.tryAcquire("u1")).as("the other node, same user").isPresent();
        assertThat(b.tryAcquire("u2")).as("another user").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(b.tryAcquire("u1")).as("one token refilled for the cluster").isEmpty();
        assertThat(a.tryAcquire("u1")).isPresent();
        assertThat(a.size())
                .as("no bucket held in the process while Redis answers")
                .isZero();
    }

    @Test
    void aBucketLivesInRedisUnderThePrefixUntilAPeriodAfterItWouldBeFullAgain() {
        RedisKeyedRate a = node(Rate.perSecond(1000), Limit.PUBLISH_PER_KEY);
        assertThat(a.tryAcquire("backend")).isEmpty();
        RedisLink admin = RedisLink.open(TestRedis.get().url(), "admin");
        closeables.add(admin);
        String key = prefix + ":rate:publish_per_key:backend";
        List<String> keys = admin.call(redis -> redis.keys(prefix + ":*"));
        long pttl = admin.call(redis -> redis.pttl(key));
        assertThat(keys).containsExactly(key);
        assertThat(pttl).as("a token's refill, then one period").isBetween(1L, 2000L);
    }
}
