package dev.zena.realtime.protocol;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * {@code {"type":"presence_summary","channel","count","joined":[ids],"left":[ids]}} (SPEC §10): instead of one
 * {@link PresenceEvent} per user, a channel with more than {@code presence.max_users} members sends at most one of
 * these per second, with the user ids that joined and left since the last one and the exact {@code count}.
 */
public record PresenceSummary(String channel, long count, List<String> joined, List<String> left, Instant timestamp)
        implements ServerMessage {

    /** The wire type name. */
    public static final String TYPE = "presence_summary";

    /** Copies the lists and rejects missing fields and a negative count. */
    public PresenceSummary {
        Objects.requireNonNull(channel, "channel");
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        joined = List.copyOf(joined);
        left = List.copyOf(left);
        Objects.requireNonNull(timestamp, "timestamp");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
