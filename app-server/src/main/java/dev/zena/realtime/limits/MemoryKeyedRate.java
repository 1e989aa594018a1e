package dev.zena.realtime.limits;

import java.util.Optional;

/**
 * A rate limit per key held by this process ({@code broker: memory}): REST requests per user per minute,
 * publish/sync requests per server key per second. Thread-safe; idle keys are forgotten by
 * {@link Limits#evictIdle()}.
 */
public final class MemoryKeyedRate implements KeyedRate {

    private final Limit limit;
    private final KeyedBuckets buckets;

    MemoryKeyedRate(Limit limit, KeyedBuckets buckets) {
        this.limit = limit;
        this.buckets = buckets;
    }

    @Override
    public Optional<LimitExceeded> tryAcquire(String key) {
        return LimitExceeded.unlessConsumed(limit, buckets.tryConsume(key));
    }

    @Override
    public int size() {
        return buckets.size();
    }

    @Override
    public void evictIdle() {
        buckets.evictIdle();
    }
}
