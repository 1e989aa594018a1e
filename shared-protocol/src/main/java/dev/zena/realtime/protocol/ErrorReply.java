package dev.zena.realtime.protocol;

import java.time.Instant;
import java.util.Objects;

/**
 * {@code {"type":"error",…}}: a message was refused as a whole; the connection stays open unless a close follows.
 * Usually built with {@link ProtocolException#toReply(Instant)}.
 */
public record ErrorReply(MessageId id, ErrorCode code, String message, Instant timestamp) implements ServerMessage {

    /** The wire type name. */
    public static final String TYPE = "error";

    /** Rejects missing fields; {@code id} may be null. */
    public ErrorReply {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    /** The status written next to the code, derived from it. */
    public int status() {
        return code.status();
    }

    @Override
    public String type() {
        return TYPE;
    }
}
