package dev.zena.realtime.limits;

import dev.zena.realtime.broker.RedisLink;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.RemoteBucketBuilder;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.NopeOptimizationListener;
import io.github.bucket4j.distributed.proxy.optimization.delay.DelayOptimization;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A rate per key for the whole cluster (SPEC §11): one bucket4j bucket per key in Redis
 * ({@code zena:rate:<name>:<key>}), shared by every node through bucket4j's Lettuce proxy (compare-and-swap on the
 * bucket's state), timed by the injected clock and expiring a period after it would be full again.
 *
 * <p>A node does not ask Redis at every request (ADR 0029): each key's proxy carries bucket4j's delaying
 * optimization, which answers from the state of its last exchange with Redis while this node has taken at most
 * {@link #UNSYNCHRONIZED_SHARE} of the capacity since then, for at most {@link #MAX_UNSYNCHRONIZED}; then it
 * hands what it took to Redis and reads the shared state back, in one exchange. Below 20 tokens of capacity
 * every request goes to Redis, so small rates stay exact; above, the cluster lets through at most that share of
 * the capacity more per node than one bucket would. A refusal answered locally is never wrong the other way: the
 * shared bucket holds at most what this node last saw, less what others took since.
 *
 * <p>While Redis cannot be reached, the node falls back to a bucket of its own per key ({@link MemoryKeyedRate},
 * the same rate): requests keep being limited, per node, rather than all refused or all let through; the shared
 * buckets take over again at the first request Redis answers. Thread-safe.
 */
public final class RedisKeyedRate implements KeyedRate, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisKeyedRate.class);
    /** The share of the capacity a node may take from a key's bucket before it tells Redis: 1/20. */
    static final int UNSYNCHRONIZED_SHARE = 20;
    /** The longest a node answers from a key's state without an exchange with Redis. */
    static final Duration MAX_UNSYNCHRONIZED = Duration.ofSeconds(1);

    private final Limit limit;
    private final String keyPrefix;
    private final StatefulRedisConnection<String, byte[]> connection;
    private final ProxyManager<String> buckets;
    private final BucketConfiguration configuration;
    /** Null below {@link #UNSYNCHRONIZED_SHARE} tokens of capacity: every request then asks Redis. */
    private final DelayParameters delay;
    /** The proxies in use: the delaying optimization keeps its state in the proxy, so each is kept while used. */
    private final KeyedBuckets proxies;

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
        long share = rate.capacity() / UNSYNCHRONIZED_SHARE;
        this.delay = share > 0 ? new DelayParameters(share, MAX_UNSYNCHRONIZED) : null;
        this.proxies = new KeyedBuckets(rate, meter, key -> proxy(key, meter));
        this.fallback = new MemoryKeyedRate(limit, new KeyedBuckets(rate, meter));
    }

    @Override
    public Optional<LimitExceeded> tryAcquire(String key) {
        ConsumptionProbe probe;
        try {
            probe = proxies.tryConsume(key);
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

    /** A proxy of the shared bucket of {@code key}, with the delaying optimization when the capacity allows it. */
    private BucketProxy proxy(String key, TimeMeter meter) {
        RemoteBucketBuilder<String> builder = buckets.builder();
        if (delay != null) {
            builder = builder.withOptimization(new DelayOptimization(delay, NopeOptimizationListener.INSTANCE, meter));
        }
        return builder.build(keyPrefix + key, () -> configuration);
    }

    /** Keys whose proxies or fallback buckets this node holds (the shared state lives in Redis). */
    @Override
    public int size() {
        return proxies.size() + fallback.size();
    }

    /**
     * Forgets the proxies and fallback buckets idle for a whole period: what a forgotten proxy took without telling
     * Redis (at most its unsynchronized share) would have been refilled by now, so no decision changes.
     */
    @Override
    public void evictIdle() {
        proxies.evictIdle();
        fallback.evictIdle();
    }

    /** Called at shutdown, before the link. */
    @Override
    public void close() {
        connection.close();
    }
}
