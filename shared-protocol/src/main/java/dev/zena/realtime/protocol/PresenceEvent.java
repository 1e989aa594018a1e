package dev.zena.realtime.protocol;

import java.time.Instant;
import java.util.Objects;

/**
 * {@code {"type":"presence_event","channel","event","user":{"user_id","user_name"},"connections":N}} (SPEC §10), sent
 * to connections that subscribed with {@code presence_events}: a user's first connection to the channel arrived
 * ({@value #JOINED}) or its last one went ({@value #LEFT}), cluster-wide. {@code connections} is the user's count
 * after the change.
 */
public record PresenceEvent(
        String channel, String event, String userId, String userName, int connections, Instant timestamp)
        implements ServerMessage {

    /** The wire type name. */
    public static final String TYPE = "presence_event";

    /** The user went from 0 to 1 connection in the channel. */
    public static final String JOINED = "joined";

    /** The user went from 1 to 0 connections in the channel. */
    public static final String LEFT = "left";

    /** Rejects missing fields, an event other than {@value #JOINED} or {@value #LEFT}, and a negative count. */
    public PresenceEvent {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(event, "event");
        if (!event.equals(JOINED) && !event.equals(LEFT)) {
            throw new IllegalArgumentException("event must be joined or left");
        }
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(userName, "userName");
        if (connections < 0) {
            throw new IllegalArgumentException("connections must not be negative");
        }
        Objects.requireNonNull(timestamp, "timestamp");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
