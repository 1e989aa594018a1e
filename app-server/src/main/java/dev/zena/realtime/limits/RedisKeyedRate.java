package dev.zena.realtime.limits;

import dev.zena.realtime.broker.RedisLink;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A rate per key for the whole cluster (SPEC §11): one bucket4j bucket per key in Redis
 * ({@code zena:rate:<name>:<key>}), shared by every node through bucket4j's Lettuce proxy (compare-and-swap on the
 * bucket's state), timed by the injected clock and expiring a period after it would be full again. While Redis
 * cannot be reached, the node falls back to a bucket of its own per key ({@link MemoryKeyedRate}, the same rate):
 * requests keep being limited, per node, rather than all refused or all let through; the shared buckets take over
 * again at the first request Redis answers. Thread-safe.
 */
public final class RedisKeyedRate implements KeyedRate, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisKeyedRate.class);

    private final Limit limit;
    private final String keyPrefix;
    private final StatefulRedisConnection<String, byte[]> connection;
    private final ProxyManager<String> buckets;
    private final BucketConfiguration configuration;
    private final MemoryKeyedRate fallback;
    private final AtomicBoolean isFallingBack = new AtomicBoolean();

    RedisKeyedRate(Limit limit, Rate rate, RedisLink link, TimeMeter meter) {
        this.limit = limit;
        this.keyPrefix = link.globalKey("rate:" + limit.tag() + ":");
        this.connection = link.connectBinary();
        this.buckets = Bucket4jLettuce.casBasedBuilder(connection)
                .clientClock(meter)
                .requestTimeout(RedisLink.COMMAND_TIMEOUT)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(rate.period()))
                .build();
        this.configuration = BucketConfiguration.builder()
                .addLimit(bandwidth -> bandwidth.capacity(rate.capacity()).refillGreedy(rate.capacity(), rate.period()))
                .build();
        this.fallback = new MemoryKeyedRate(limit, new KeyedBuckets(rate, meter));
    }

    @Override
    public Optional<LimitExceeded> tryAcquire(String key) {
        ConsumptionProbe probe;
        try {
            probe = buckets.getProxy(keyPrefix + key, () -> configuration).tryConsumeAndReturnRemaining(1);
        } catch (RedisException e) {
            if (isFallingBack.compareAndSet(false, true)) {
                LOG.warn("rate_shared_unavailable limit={} fallback=node reason={}", limit.tag(), e.getMessage());
            }
            return fallback.tryAcquire(key);
        }
        if (isFallingBack.compareAndSet(true, false)) {
            LOG.info("rate_shared_available limit={}", limit.tag());
        }
        return LimitExceeded.unlessConsumed(limit, probe);
    }

    /** Keys of the fallback buckets held while Redis was unreachable (the shared ones live in Redis). */
    @Override
    public int size() {
        return fallback.size();
    }

    @Override
    public void evictIdle() {
        fallback.evictIdle();
    }

    /** Called at shutdown, before the link. */
    @Override
    public void close() {
        connection.close();
    }
}
