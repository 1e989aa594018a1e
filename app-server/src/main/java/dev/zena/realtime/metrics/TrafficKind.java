package dev.zena.realtime.metrics;

/** What {@link TrafficSeries} counts per second. */
public enum TrafficKind {
    /** Client frames received, malformed and refused ones included. */
    MESSAGES_IN,
    /** Events queued to connections (one per receiving connection). */
    MESSAGES_OUT,
    /** {@code error} replies sent, and refused handshakes (global only). */
    ERRORS,
    /** Frames refused by a rate limit, and messages lost to a full send queue. */
    DROPPED
}
