package dev.zena.realtime.protocol;

import java.util.Objects;

/** One refused channel in a {@link Subscription}; JSON {@code {"channel","status","code","message"}}. */
public record Denial(String channel, ErrorCode code, String message) {

    /** Rejects missing fields. */
    public Denial {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /** The status written next to the code, derived from it. */
    public int status() {
        return code.status();
    }
}
