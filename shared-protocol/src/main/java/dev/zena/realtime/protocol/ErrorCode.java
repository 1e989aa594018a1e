package dev.zena.realtime.protocol;

/**
 * Error codes of {@code error} replies, per-channel denials and unsubscription reasons (SPEC §3); the wire name is
 * {@link #name()} and the HTTP-like {@link #status()} travels next to it.
 */
public enum ErrorCode {
    INVALID_MESSAGE(400),
    UNKNOWN_TYPE(400),
    AUTH_REQUIRED(401),
    AUTH_INVALID(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    RATE_LIMITED(429),
    CONNECTION_LIMIT(429),
    CHANNEL_LIMIT(429),
    MESSAGE_TOO_LARGE(413),
    INTERNAL(500),
    /** SPEC §11: the cluster's broker (Redis) cannot be reached; per channel on subscribe, 503 on HTTP writes. */
    BROKER_UNAVAILABLE(503);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    /** The status written next to the code on the wire; also the HTTP status of the REST twin (SPEC §4.2). */
    public int status() {
        return status;
    }
}
