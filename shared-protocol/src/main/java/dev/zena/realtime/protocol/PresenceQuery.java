package dev.zena.realtime.protocol;

import java.util.Objects;

/**
 * {@code {"type":"presence","channel":"project.P1"}} (SPEC §10): who is present in one channel, answered with
 * {@link Presence} under the same decision and status as {@code subscribe}. Exactly one channel, given as
 * {@code "channel"}; the name is not validated against patterns here.
 */
public record PresenceQuery(MessageId id, String channel) implements ClientMessage {

    /** The wire type name; the reply is a {@link Presence} with the same type name. */
    public static final String TYPE = "presence";

    /** Rejects a missing channel; {@code id} may be null. */
    public PresenceQuery {
        Objects.requireNonNull(channel, "channel");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
