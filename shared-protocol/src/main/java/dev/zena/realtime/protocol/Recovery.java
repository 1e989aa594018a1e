package dev.zena.realtime.protocol;

import java.util.Objects;

/**
 * The outcome of recovering one channel named in {@code subscribe.since}, in {@code subscription.recovery}: JSON
 * {@code {"recovered":true}} or {@code {"recovered":false,"reason":"offset_expired"}}. Recovery is all or nothing: when
 * recovered, every missed event follows the reply with {@code "recovered":true}; otherwise none does.
 */
public record Recovery(boolean recovered, RecoveryFailure reason) {

    /** The channel's missed events follow the reply. */
    public static final Recovery RECOVERED = new Recovery(true, null);

    /** Keeps the reason present exactly when the channel was not recovered. */
    public Recovery {
        if (recovered != (reason == null)) {
            throw new IllegalArgumentException("a reason is given exactly when recovery failed");
        }
    }

    /** A failed recovery; called by the server when it cannot replay the channel. */
    public static Recovery failed(RecoveryFailure reason) {
        return new Recovery(false, Objects.requireNonNull(reason, "reason"));
    }
}
