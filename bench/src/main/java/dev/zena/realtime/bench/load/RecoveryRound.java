package dev.zena.realtime.bench.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one round of {@link Returner}s saw, summed over every client: how many subscribed, how many the server said
 * it recovered or refused (and why), how many received exactly what they were owed, every event in order or not.
 * Safe to update from every selector thread at once.
 */
final class RecoveryRound {

    private final LongAdder ready = new LongAdder();
    private final LongAdder recovered = new LongAdder();
    private final LongAdder owed = new LongAdder();
    private final Map<String, LongAdder> refused = new ConcurrentHashMap<>();
    private final LongAdder complete = new LongAdder();
    private final LongAdder completeEvents = new LongAdder();
    private final LongAccumulator lastComplete = new LongAccumulator(Math::max, 0);
    private final LongAdder recoveredEvents = new LongAdder();
    private final LongAdder liveEvents = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder gaps = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder closed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final AtomicLong firstError = new AtomicLong();
    private volatile String firstErrorText = "";

    void onReady() {
        ready.increment();
    }

    /** The reply said recovered, with {@code events} owed after the client's position. */
    void onRecovered(long events) {
        recovered.increment();
        owed.add(events);
    }

    void onRefused(String reason) {
        refused.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    /** A client received, in order and once each, every event up to the position of its reply. */
    void onComplete(long events) {
        complete.increment();
        completeEvents.add(events);
        lastComplete.accumulate(System.nanoTime());
    }

    void onEvent(boolean isRecovered) {
        (isRecovered ? recoveredEvents : liveEvents).increment();
    }

    void onDuplicate() {
        duplicates.increment();
    }

    void onGap(long missing) {
        gaps.add(missing);
    }

    void onError(String text) {
        errors.increment();
        if (firstError.compareAndSet(0, 1)) {
            firstErrorText = text.length() > 300 ? text.substring(0, 300) : text;
        }
    }

    void onClosed(boolean wasReady, String reason) {
        closed.increment();
        if (!wasReady) {
            failed.increment();
            onError("closed before subscribed: " + reason);
        }
    }

    long ready() {
        return ready.sum();
    }

    long recovered() {
        return recovered.sum();
    }

    long owed() {
        return owed.sum();
    }

    long refused() {
        return refused.values().stream().mapToLong(LongAdder::sum).sum();
    }

    Map<String, Long> refusedByReason() {
        Map<String, Long> byReason = new TreeMap<>();
        refused.forEach((reason, n) -> byReason.put(reason, n.sum()));
        return byReason;
    }

    long complete() {
        return complete.sum();
    }

    long completeEvents() {
        return completeEvents.sum();
    }

    /** {@link System#nanoTime()} of the last client that completed; 0 before any. */
    long lastCompleteNanos() {
        return lastComplete.get();
    }

    long recoveredEvents() {
        return recoveredEvents.sum();
    }

    long liveEvents() {
        return liveEvents.sum();
    }

    long duplicates() {
        return duplicates.sum();
    }

    long gaps() {
        return gaps.sum();
    }

    long errors() {
        return errors.sum();
    }

    String firstError() {
        return firstErrorText;
    }

    long closed() {
        return closed.sum();
    }

    long failed() {
        return failed.sum();
    }
}
