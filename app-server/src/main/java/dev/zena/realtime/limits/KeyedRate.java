package dev.zena.realtime.limits;

import java.util.Optional;

/**
 * A rate limit per key: REST requests per user per minute, publish/sync requests per server key per second
 * (SPEC §5). {@link MemoryKeyedRate} counts in this process; {@link RedisKeyedRate} counts for the whole cluster
 * (SPEC §11). Thread-safe.
 */
public interface KeyedRate {

    /** Called once per request of {@code key}: empty when it may proceed, else the denial with its retry delay. */
    Optional<LimitExceeded> tryAcquire(String key);

    /** Keys whose buckets this process holds. */
    int size();

    /** Called periodically (through {@link Limits#evictIdle()}): forgets buckets idle for a whole period. */
    void evictIdle();
}
