package dev.zena.realtime.limits;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * One bucket per key (address, user, tenant, server key), created on first use. A bucket idle for a whole period
 * is full again, so forgetting it changes no decision: {@link #evictIdle()} does that, which bounds memory by the
 * keys seen during the last period. Thread-safe.
 */
final class KeyedBuckets {

    private record Entry(Bucket bucket, AtomicLong lastUsedNanos) {}

    private final Rate rate;
    private final TimeMeter meter;
    private final Function<String, Bucket> newBucket;
    private final Map<String, Entry> buckets = new ConcurrentHashMap<>();

    /** Buckets of this process, each a full one of {@code rate}. */
    KeyedBuckets(Rate rate, TimeMeter meter) {
        this(rate, meter, key -> rate.newBucket(meter));
    }

    /**
     * Buckets made by {@code newBucket} for each key (a proxy of a shared bucket, whose optimization keeps state in
     * it while it is used), of {@code rate}, forgotten after a whole idle period.
     */
    KeyedBuckets(Rate rate, TimeMeter meter, Function<String, Bucket> newBucket) {
        this.rate = rate;
        this.meter = meter;
        this.newBucket = newBucket;
    }

    /** Takes one token from the key's bucket; the probe says whether it was there and how long to wait if not. */
    ConsumptionProbe tryConsume(String key) {
        Entry entry = buckets.computeIfAbsent(key, k -> new Entry(newBucket.apply(k), new AtomicLong()));
        entry.lastUsedNanos().set(meter.currentTimeNanos());
        return entry.bucket().tryConsumeAndReturnRemaining(1);
    }

    /** Called periodically: forgets the buckets not used for a whole period. */
    void evictIdle() {
        long now = meter.currentTimeNanos();
        long period = rate.period().toNanos();
        buckets.values().removeIf(entry -> now - entry.lastUsedNanos().get() >= period);
    }

    /** Number of keys held (memory check in tests and metrics). */
    int size() {
        return buckets.size();
    }
}
