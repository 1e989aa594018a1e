package dev.zena.realtime.protocol;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The reply to a {@link PresenceQuery} (SPEC §10): who is present in {@code channel}. {@code count} is the exact
 * number of present users; {@code users} lists at most {@code presence.max_users} of them, and {@code truncated}
 * says that some were left out.
 */
public record Presence(
        MessageId id, String channel, long count, List<PresenceMember> users, boolean truncated, Instant timestamp)
        implements ServerMessage {

    /** The wire type name, the same as the query's. */
    public static final String TYPE = "presence";

    /** Copies the list and rejects missing fields and a negative count; {@code id} may be null. */
    public Presence {
        Objects.requireNonNull(channel, "channel");
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        users = List.copyOf(users);
        Objects.requireNonNull(timestamp, "timestamp");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
