package dev.zena.realtime.protocol;

import java.time.Instant;
import java.util.Objects;

/**
 * The successful reply to {@code authenticate} (or sent unasked after a handshake token): who the connection belongs
 * to and when its token expires. A refused authentication is an {@link ErrorReply} instead.
 */
public record Authentication(
        MessageId id, String userId, String tenantId, String userName, Instant expiresAt, Instant timestamp)
        implements ServerMessage {

    /** The wire type name. */
    public static final String TYPE = "authentication";

    /** Rejects missing fields; {@code id} may be null. */
    public Authentication {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
