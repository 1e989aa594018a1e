package dev.zena.realtime.limits;

import io.github.bucket4j.TimeMeter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Open admin feeds per user ({@code limits.admin_feeds_per_user}). A slot is taken before the upgrade, so that
 * concurrent handshakes of one user cannot all pass the check, kept by the socket once it opens, and given back
 * when it closes. A slot whose socket never opened (the client went away during the upgrade) is given back by
 * {@link #evictIdle()} once it is {@link #PENDING_NANOS} old. Thread-safe (one lock: slots and counts change
 * together); counters that fall to zero are removed.
 */
public final class FeedCaps {

    /** {@code Retry-After} of a refusal: no bucket says when one of the user's feeds will close. */
    public static final long RETRY_SECONDS = 5;
    /** How long a slot taken at a handshake waits for its socket to open. */
    static final long PENDING_NANOS = 10_000_000_000L;

    private record Slot(String userId, long takenAtNanos, boolean isOpen) {}

    private final int perUser;
    private final TimeMeter meter;
    private final Map<String, Slot> slots = new HashMap<>();
    private final Map<String, Integer> users = new HashMap<>();

    FeedCaps(int perUser, TimeMeter meter) {
        this.perUser = perUser;
        this.meter = meter;
    }

    /** Called before a feed's upgrade: takes the slot {@code slotId} for the user; empty when taken, else the denial. */
    public synchronized Optional<LimitExceeded> take(String slotId, String userId) {
        if (slots.containsKey(slotId)) {
            return Optional.empty();
        }
        if (users.getOrDefault(userId, 0) >= perUser) {
            return Optional.of(new LimitExceeded(Limit.ADMIN_FEEDS_PER_USER, RETRY_SECONDS));
        }
        add(slotId, new Slot(userId, meter.currentTimeNanos(), false));
        return Optional.empty();
    }

    /**
     * Called when the feed's socket opens: keeps its slot. False when the slot lapsed meanwhile and the user has no
     * other left; the caller then closes the socket. Either way the slot is to be given back by {@link #release}.
     */
    public synchronized boolean opened(String slotId, String userId) {
        Slot slot = slots.get(slotId);
        if (slot != null) {
            slots.put(slotId, new Slot(slot.userId(), slot.takenAtNanos(), true));
            return true;
        }
        if (users.getOrDefault(userId, 0) >= perUser) {
            return false;
        }
        add(slotId, new Slot(userId, meter.currentTimeNanos(), true));
        return true;
    }

    /** Called when the feed's socket closes; a slot already given back is ignored. */
    public synchronized void release(String slotId) {
        Slot slot = slots.remove(slotId);
        if (slot != null) {
            users.computeIfPresent(slot.userId(), (k, n) -> n <= 1 ? null : n - 1);
        }
    }

    /** Feeds of a user: open ones and those whose upgrade is under way. */
    public synchronized int ofUser(String userId) {
        return users.getOrDefault(userId, 0);
    }

    synchronized void evictIdle() {
        long now = meter.currentTimeNanos();
        slots.entrySet().stream()
                .filter(e -> !e.getValue().isOpen() && now - e.getValue().takenAtNanos() >= PENDING_NANOS)
                .map(Map.Entry::getKey)
                .toList()
                .forEach(this::release);
    }

    private void add(String slotId, Slot slot) {
        slots.put(slotId, slot);
        users.merge(slot.userId(), 1, Integer::sum);
    }
}
