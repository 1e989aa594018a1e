package dev.zena.realtime.limits;

/**
 * What to do with one inbound frame: handle it, or drop it (with a {@code RATE_LIMITED} reply, silently, or by
 * closing the connection with 4008). {@code limit} names the limit that refused; null when accepted.
 */
public record InboundVerdict(Action action, Limit limit) {

    /** The verdict of a frame within every rate. */
    public static final InboundVerdict ACCEPTED = new InboundVerdict(Action.ACCEPT, null);

    /** The four outcomes, from the frame's point of view. */
    public enum Action { ACCEPT, REFUSE_WITH_REPLY, REFUSE_SILENTLY, CLOSE_ABUSE }

    /** True when the frame is dropped (every action but {@link Action#ACCEPT}). */
    public boolean isRefused() {
        return action != Action.ACCEPT;
    }
}
