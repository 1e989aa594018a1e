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
    private long lastReplyNanos = Long.MIN_VALUE;
    private long lastRefusalSecond = Long.MIN_VALUE;
    private int refusalStreak;

    InboundRate(Bucket own, KeyedBuckets tenants, TimeMeter meter) {
        this.own = own;
        this.tenants = tenants;
        this.meter = meter;
    }

    /**
     * True once refusals came in two consecutive clock seconds or more: a flood rather than a burst. The transport
     * then reads the socket less often (ADR 0010); a burst within one second is never slowed.
     */
    public synchronized boolean isFlooding() {
        return refusalStreak >= 2 && lastRefusalSecond >= Math.floorDiv(meter.currentTimeNanos(), SECOND) - 1;
    }

    /** Called for each inbound frame; {@code tenantId} is null while the connection is not authenticated. */
    public synchronized InboundVerdict onFrame(String tenantId) {
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
        if (refusalStreak >= ABUSE_SECONDS) {
            return new InboundVerdict(InboundVerdict.Action.CLOSE_ABUSE, refusedBy);
        }
        if (lastReplyNanos == Long.MIN_VALUE || now - lastReplyNanos >= SECOND) {
            lastReplyNanos = now;
            return new InboundVerdict(InboundVerdict.Action.REFUSE_WITH_REPLY, refusedBy);
        }
        return new InboundVerdict(InboundVerdict.Action.REFUSE_SILENTLY, refusedBy);
    }
}
