package dev.zena.realtime.protocol;

import java.time.Instant;
import java.util.Objects;

/** The first message on every connection: its id and the heartbeat settings in seconds. */
public record Connection(String connectionId, int heartbeatInterval, int heartbeatTimeout, Instant timestamp)
        implements ServerMessage {

    /** The wire type name. */
    public static final String TYPE = "connection";

    /** Rejects missing fields. */
    public Connection {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
