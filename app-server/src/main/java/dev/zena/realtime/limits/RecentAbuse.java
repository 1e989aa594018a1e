package dev.zena.realtime.limits;

import io.github.bucket4j.TimeMeter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Users whose connection was closed with 4008 (sustained abuse) in the last {@value #BACK_OFF_SECONDS} seconds: SPEC §3
 * tells such a client to back off at least that long, so a connection of theirs that is refused again counts as
 * flooding at once (ADR 0010) instead of after two more seconds of frame-by-frame reads. Only read pacing depends on
 * it; every frame is still counted and judged by its buckets.
 */
final class RecentAbuse {

    /** The back-off SPEC §3 asks of a client closed with 4008. */
    static final long BACK_OFF_SECONDS = 30;

    private static final long BACK_OFF_NANOS = BACK_OFF_SECONDS * 1_000_000_000L;

    private final TimeMeter meter;
    private final Map<String, Long> closedAt = new ConcurrentHashMap<>();

    RecentAbuse(TimeMeter meter) {
        this.meter = meter;
    }

    /** Called when a connection of {@code userId} is closed with 4008. */
    void remember(String userId) {
        closedAt.put(userId, meter.currentTimeNanos());
    }

    /** True when {@code userId} had a connection closed with 4008 within the back-off. */
    boolean isRecent(String userId) {
        Long at = closedAt.get(userId);
        return at != null && meter.currentTimeNanos() - at < BACK_OFF_NANOS;
    }

    /** Called periodically: forgets users past their back-off (bounded memory). */
    void evictIdle() {
        long now = meter.currentTimeNanos();
        closedAt.values().removeIf(at -> now - at >= BACK_OFF_NANOS);
    }
}
