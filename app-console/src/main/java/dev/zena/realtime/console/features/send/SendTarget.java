package dev.zena.realtime.console.features.send;

/** Where a test event goes. */
public enum SendTarget {
    /** Every subscriber of a channel. */
    CHANNEL,
    /** One connection (channel {@code admin.test} unless one is given). */
    CONNECTION
}
