package dev.zena.realtime.bench.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** Counters shared by every connection of one run; safe for the client threads to update concurrently. */
public final class Tally {

    /** Latency is recorded in microseconds, up to 60 s, with 3 significant digits. */
    private final Recorder latencyMicros = new Recorder(60_000_000L, 3);

    private final LongAdder opened = new LongAdder();
    private final LongAdder ready = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder events = new LongAdder();
    private final LongAdder distinct = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder reordered = new LongAdder();
    private final AtomicLong lastReadyNanos = new AtomicLong();
    private final Map<Integer, LongAdder> closes = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private volatile long recordFromNanos = Long.MAX_VALUE;

    void onOpened() {
        opened.increment();
    }

    void onReady() {
        ready.increment();
        lastReadyNanos.accumulateAndGet(System.nanoTime(), Math::max);
    }

    void onFailed(String why) {
        failed.increment();
        String key = why == null ? "?" : why.length() > 80 ? why.substring(0, 80) : why;
        failures.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    void onError() {
        errors.increment();
    }

    void onClosed(int code) {
        closes.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    /** One event received, with what its offset was. */
    void onEvent(long sentNanos, long nowNanos, OffsetTrack.Outcome outcome) {
        events.increment();
        switch (outcome) {
            case NEW -> distinct.increment();
            case REORDERED -> {
                distinct.increment();
                reordered.increment();
            }
            case DUPLICATE -> duplicates.increment();
        }
        if (sentNanos >= recordFromNanos) {
            latencyMicros.recordValue(Math.max(0, Math.min((nowNanos - sentNanos) / 1000, 60_000_000L)));
        }
    }

    /** Latency is recorded only for events sent from now on (after the warm-up). */
    public void recordLatencyFrom(long nanos) {
        recordFromNanos = nanos;
        latencyMicros.reset();
    }

    /** The latency recorded since the last call (or since {@link #recordLatencyFrom}). */
    public Histogram takeLatency() {
        return latencyMicros.getIntervalHistogram();
    }

    public long opened() {
        return opened.sum();
    }

    public long ready() {
        return ready.sum();
    }

    public long lastReadyNanos() {
        return lastReadyNanos.get();
    }

    public long failed() {
        return failed.sum();
    }

    public long errors() {
        return errors.sum();
    }

    public long events() {
        return events.sum();
    }

    public long distinct() {
        return distinct.sum();
    }

    public long duplicates() {
        return duplicates.sum();
    }

    /** Events that arrived after a higher offset of their channel (out of order). */
    public long reordered() {
        return reordered.sum();
    }

    /** Close codes seen (-1 = no close frame), with counts. */
    public Map<String, Long> closes() {
        Map<String, Long> out = new TreeMap<>();
        closes.forEach((code, n) -> out.put(String.valueOf(code), n.sum()));
        return out;
    }

    /** Failure reasons with counts (connect refused, upgrade refused …). */
    public Map<String, Long> failures() {
        Map<String, Long> out = new TreeMap<>();
        failures.forEach((why, n) -> out.put(why, n.sum()));
        return out;
    }
}
