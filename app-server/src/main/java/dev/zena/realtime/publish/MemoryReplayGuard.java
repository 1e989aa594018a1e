package dev.zena.realtime.publish;

import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The signatures accepted recently by this process ({@code broker: memory}), so that the same signed request is accepted once (SPEC §6). A signature is
 * remembered until its timestamp is older than the freshness window; after that the timestamp check refuses it
 * anyway, so it is forgotten. Memory is bounded by the requests accepted in one window. Thread-safe.
 */
public final class MemoryReplayGuard implements ReplayGuard {

    private record Seen(String signature, long expiresAtSecond) {}

    private final long windowSeconds;
    private final Map<String, Long> seen = new HashMap<>();
    private final PriorityQueue<Seen> byExpiry =
            new PriorityQueue<>((a, b) -> Long.compare(a.expiresAtSecond, b.expiresAtSecond));

    /** A guard remembering each signature until its timestamp is {@code windowSeconds} old. */
    public MemoryReplayGuard(long windowSeconds) {
        this.windowSeconds = windowSeconds;
    }

    @Override
    public synchronized boolean firstUse(String signature, long timestamp, long now) {
        forgetExpired(now);
        if (seen.containsKey(signature)) {
            return false;
        }
        long expiresAt = timestamp + windowSeconds;
        seen.put(signature, expiresAt);
        byExpiry.add(new Seen(signature, expiresAt));
        return true;
    }

    /** Number of signatures remembered (for tests of the memory bound). */
    synchronized int size() {
        return seen.size();
    }

    private void forgetExpired(long now) {
        while (!byExpiry.isEmpty() && byExpiry.peek().expiresAtSecond < now) {
            seen.remove(byExpiry.poll().signature);
        }
    }
}
