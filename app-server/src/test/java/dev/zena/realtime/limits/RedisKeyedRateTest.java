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
 * the injected clock, exactly below 20 tokens of capacity and within a twentieth of the capacity per node above,
 * and the bucket's key expires in Redis one period after it would be full again.
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
        RedisKeyedRate a = node(Rate.perMinute(12), Limit.REST_PER_USER);
        RedisKeyedRate b = node(Rate.perMinute(12), Limit.REST_PER_USER);
        for (int i = 0; i < 6; i++) {
            assertThat(a.tryAcquire("u1")).isEmpty();
            assertThat(b.tryAcquire("u1")).isEmpty();
        }
        LimitExceeded onA = a.tryAcquire("u1").orElseThrow();
        assertThat(onA.limit()).isEqualTo(Limit.REST_PER_USER);
        assertThat(onA.retryAfterSeconds()).isEqualTo(5);
        assertThat(b.tryAcquire("u1")).as("the other node, same user").isPresent();
        assertThat(b.tryAcquire("u2")).as("another user").isEmpty();
        clock.advance(Duration.ofSeconds(5));
        assertThat(b.tryAcquire("u1")).as("one token refilled for the cluster").isEmpty();
        assertThat(a.tryAcquire("u1")).isPresent();
        assertThat(a.size()).as("one proxy per key used, no fallback bucket").isEqualTo(1);
    }

    @Test
    void aboveTwentyTokensEachNodeOvershootsByAtMostItsShare() {
        RedisKeyedRate a = node(Rate.perMinute(100), Limit.REST_PER_USER);
        RedisKeyedRate b = node(Rate.perMinute(100), Limit.REST_PER_USER);
        int granted = 0;
        for (int i = 0; i < 200; i++) {
            granted += a.tryAcquire("u1").isEmpty() ? 1 : 0;
            granted += b.tryAcquire("u1").isEmpty() ? 1 : 0;
        }
        assertThat(granted)
                .as("the capacity, and at most a twentieth of it more per node")
                .isBetween(100, 110);
        assertThat(a.tryAcquire("u1")).isPresent();
        assertThat(b.tryAcquire("u1")).isPresent();
        clock.advance(Duration.ofSeconds(30)); // half the bucket back, and both nodes past their unsynchronized time
        int afterRefill = 0;
        for (int i = 0; i < 100; i++) {
            afterRefill += a.tryAcquire("u1").isEmpty() ? 1 : 0;
            afterRefill += b.tryAcquire("u1").isEmpty() ? 1 : 0;
        }
        assertThat(afterRefill).isBetween(50, 60);
    }

    @Test
    void aNodeAnswersAloneForAtMostItsShareThenAsksRedis() {
        RedisKeyedRate a = node(Rate.perMinute(100), Limit.REST_PER_USER);
        RedisKeyedRate b = node(Rate.perMinute(100), Limit.REST_PER_USER);
        assertThat(a.tryAcquire("u1")).isEmpty(); // a has read the shared state: 99 left
        for (int i = 0; i < 99; i++) {
            assertThat(b.tryAcquire("u1")).isEmpty();
        }
        for (int i = 0; i < 5; i++) {
            assertThat(a.tryAcquire("u1")).as("a's share, from what it read").isEmpty();
        }
        assertThat(a.tryAcquire("u1")).as("a tells Redis and reads what b took").isPresent();
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
