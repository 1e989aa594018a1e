package dev.zena.realtime.protocol;

import java.util.Optional;

/**
 * WebSocket close codes the server uses (SPEC §3), with the close reason text sent along; used whenever the server
 * ends a connection. For {@link #ACCESS_REVOKED} the reason is an {@link AccessRevocation} instead.
 */
public enum CloseCode {
    GOING_AWAY(1001, "server shutting down"),
    MESSAGE_TOO_BIG(1009, "message too large"),
    AUTH_TIMEOUT(4001, "authentication timeout"),
    HEARTBEAT_TIMEOUT(4002, "heartbeat timeout"),
    ACCESS_REVOKED(4003, "access revoked"),
    ABUSE(4008, "rate limit abuse"),
    SLOW_CONSUMER(4009, "slow consumer"),
    ADMIN_DISCONNECT(4010, "disconnected by administrator"),
    CONNECTION_LIMIT(4029, "connection limit reached");

    private final int code;
    private final String reason;

    CloseCode(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    /** The numeric close code put on the close frame. */
    public int code() {
        return code;
    }

    /** The default close reason text put on the close frame. */
    public String reason() {
        return reason;
    }

    /** Finds the constant for a received close code; used by clients (tests, console, bench) reading a close frame. */
    public static Optional<CloseCode> fromCode(int code) {
        for (CloseCode candidate : values()) {
            if (candidate.code == code) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
