package dev.zena.realtime.protocol;

import java.util.Objects;

/** Why the server ended subscriptions itself; JSON {@code {"code","status","message"}} inside an unsubscription. */
public record Reason(ErrorCode code, String message) {

    /** Rejects missing fields. */
    public Reason {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /** The status written next to the code, derived from it. */
    public int status() {
        return code.status();
    }
}
