package dev.zena.realtime.protocol;

import java.time.Instant;
import java.util.Objects;

/** The reply to {@link Ping}. */
public record Pong(MessageId id, Instant timestamp) implements ServerMessage {

    /** The wire type name. */
    public static final String TYPE = "pong";

    /** Rejects a missing timestamp; {@code id} may be null. */
    public Pong {
        Objects.requireNonNull(timestamp, "timestamp");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
