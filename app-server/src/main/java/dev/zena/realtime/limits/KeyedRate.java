package dev.zena.realtime.limits;

import io.github.bucket4j.ConsumptionProbe;

import java.util.Optional;

/**
 * A rate limit per key: REST requests per user per minute, publish/sync requests per server key per second.
 * Thread-safe; idle keys are forgotten by {@link Limits#evictIdle()}.
 */
public final class KeyedRate {

    private final Limit limit;
    private final KeyedBuckets buckets;

    KeyedRate(Limit limit, KeyedBuckets buckets) {
        this.limit = limit;
        this.buckets = buckets;
    }

    /** Called once per request of {@code key}: empty when it may proceed, else the denial with its retry delay. */
    public Optional<LimitExceeded> tryAcquire(String key) {
        ConsumptionProbe probe = buckets.tryConsume(key);
        return probe.isConsumed() ? Optional.empty()
                : Optional.of(LimitExceeded.afterNanos(limit, probe.getNanosToWaitForRefill()));
    }

    /** Keys currently remembered. */
    public int size() {
        return buckets.size();
    }

    void evictIdle() {
        buckets.evictIdle();
    }
}
