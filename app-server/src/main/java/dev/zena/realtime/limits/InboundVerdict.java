package dev.zena.realtime.limits;

/**
 * What to do with one inbound frame: handle it, or drop it (with a {@code RATE_LIMITED} reply, silently, or by
 * closing the connection with 4008). {@code limit} names the limit that refused; null when accepted.
 * {@code isFlooding}: refused, and the connection floods rather than bursts, so the transport reads it again only
 * after a pause (ADR 0010).
 */
public record InboundVerdict(Action action, Limit limit, boolean isFlooding) {

    /** The verdict of a frame within every rate. */
    public static final InboundVerdict ACCEPTED = new InboundVerdict(Action.ACCEPT, null, false);

    /** The four outcomes, from the frame's point of view. */
    public enum Action {
        ACCEPT,
        REFUSE_WITH_REPLY,
        REFUSE_SILENTLY,
        CLOSE_ABUSE
    }

    /** True when the frame is dropped (every action but {@link Action#ACCEPT}). */
    public boolean isRefused() {
        return action != Action.ACCEPT;
    }
}
