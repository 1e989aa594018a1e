package dev.zena.realtime.metrics;

import java.util.Locale;

/** Why a message was dropped; the {@code cause} tag of {@code zena_dropped_total}. */
public enum DropCause {
    /** An inbound frame refused by a rate limit. */
    RATE_LIMIT,
    /** An outbound message lost because the connection's send queue was full (slow consumer). */
    SEND_QUEUE;

    /** The tag value. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
