package dev.zena.realtime.limits;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;

/**
 * "N per period" of SPEC §5: a token bucket of capacity N refilled greedily (continuously) over the period.
 *
 * @param capacity tokens, also the burst a full bucket allows
 * @param period   time to refill an empty bucket completely
 */
record Rate(long capacity, Duration period) {

    static Rate perSecond(long capacity) {
        return new Rate(capacity, Duration.ofSeconds(1));
    }

    static Rate perMinute(long capacity) {
        return new Rate(capacity, Duration.ofMinutes(1));
    }

    /** A new full bucket of this rate, timed by {@code meter}. */
    Bucket newBucket(TimeMeter meter) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period))
                .withCustomTimePrecision(meter)
                .build();
    }
}
