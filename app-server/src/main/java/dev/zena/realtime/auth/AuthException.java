package dev.zena.realtime.auth;

import java.util.Objects;

/**
 * A refused token, thrown by {@link TokenValidator#validate(String)}. The message is the same for every reason, so
 * it may be sent to a client as is; {@link #reason()} is for metrics and close reasons only. It carries no stack
 * trace: it is an expected outcome, and garbage tokens sent in bulk should cost nothing to refuse.
 */
public final class AuthException extends Exception {

    /** The one public message of every refusal (contains "auth", SPEC §3). */
    public static final String MESSAGE = "Authentication failed: invalid or expired token";

    private static final long serialVersionUID = 1L;

    private final AuthFailure reason;

    /** Called by the validator when a check fails. */
    public AuthException(AuthFailure reason) {
        super(MESSAGE, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Which check failed; read when counting refusals or choosing a close reason. */
    public AuthFailure reason() {
        return reason;
    }
}
