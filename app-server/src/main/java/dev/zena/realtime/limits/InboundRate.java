package dev.zena.realtime.limits;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;

/**
 * The message rates of one connection (SPEC §5): its own bucket, then its tenant's shared bucket once it is
 * authenticated. Over either, the frame is refused; at most one refusal per second gets a reply, and refusals in
 * {@value #ABUSE_SECONDS} consecutive clock seconds (UTC seconds, not a sliding window) ask for a 4008 close.
 * Called by the transport for every inbound frame, from the connection's reading thread.
 */
public final class InboundRate {

    /** Consecutive seconds with refusals after which the connection is closed as abusive (4008). */
    public static final int ABUSE_SECONDS = 5;

    private static final long SECOND = 1_000_000_000L;

    private final Bucket own;
    private final KeyedBuckets tenants;
    private final TimeMeter meter;
    private final RecentAbuse recentAbuse;
    private long lastReplyNanos = Long.MIN_VALUE;
    private long lastRefusalSecond = Long.MIN_VALUE;
    private int refusalStreak;

    InboundRate(Bucket own, KeyedBuckets tenants, TimeMeter meter, RecentAbuse recentAbuse) {
        this.own = own;
        this.tenants = tenants;
        this.meter = meter;
        this.recentAbuse = recentAbuse;
    }

    /**
     * Called for each inbound frame; {@code tenantId} and {@code userId} are null while the connection is not
     * authenticated. A refusal is "flooding" (ADR 0010) once refusals came in two consecutive clock seconds — a
     * burst within one second never is — or at once when the user was closed with 4008 within the back-off of
     * {@link RecentAbuse}; a 4008 verdict starts that back-off.
     */
    public synchronized InboundVerdict onFrame(String tenantId, String userId) {
        Limit refusedBy = null;
        if (!own.tryConsume(1)) {
            refusedBy = Limit.MESSAGES_PER_CONNECTION;
        } else if (tenantId != null && !tenants.tryConsume(tenantId).isConsumed()) {
            refusedBy = Limit.MESSAGES_PER_TENANT;
        }
        if (refusedBy == null) {
            return InboundVerdict.ACCEPTED;
        }
        long now = meter.currentTimeNanos();
        long second = Math.floorDiv(now, SECOND);
        if (second == lastRefusalSecond + 1) {
            refusalStreak++;
        } else if (second != lastRefusalSecond) {
            refusalStreak = 1;
        }
        lastRefusalSecond = second;
        boolean isFlooding = refusalStreak >= 2 || userId != null && recentAbuse.isRecent(userId);
        if (refusalStreak >= ABUSE_SECONDS) {
            if (userId != null) {
                recentAbuse.remember(userId);
            }
            return new InboundVerdict(InboundVerdict.Action.CLOSE_ABUSE, refusedBy, isFlooding);
        }
        if (lastReplyNanos == Long.MIN_VALUE || now - lastReplyNanos >= SECOND) {
            lastReplyNanos = now;
            return new InboundVerdict(InboundVerdict.Action.REFUSE_WITH_REPLY, refusedBy, isFlooding);
        }
        return new InboundVerdict(InboundVerdict.Action.REFUSE_SILENTLY, refusedBy, isFlooding);
    }
}
