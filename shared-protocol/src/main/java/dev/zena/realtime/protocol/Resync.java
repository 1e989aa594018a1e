package dev.zena.realtime.protocol;

import java.time.Instant;
import java.util.Objects;

/**
 * {@code {"type":"resync","channel","offset","epoch","reason"}} (SPEC §9): the server lost events of a channel for a
 * connection it keeps (a broker outage, an epoch change), so the client must re-read the REST twin or the history
 * endpoint. {@code offset} and {@code epoch} are where the live stream goes on from. {@code reason} is one of the
 * constants below; clients must accept others, as the list may grow.
 */
public record Resync(String channel, long offset, String epoch, String reason, Instant timestamp)
        implements ServerMessage {

    /** The wire type name. */
    public static final String TYPE = "resync";

    /** The channel's history was lost: offsets start again under a new epoch. */
    public static final String EPOCH_CHANGED = "epoch_changed";

    /** The broker could not be reached, so events may have been missed. */
    public static final String BROKER_UNAVAILABLE = "broker_unavailable";

    /** Events of the channel were lost on their way to this connection. */
    public static final String MESSAGES_LOST = "messages_lost";

    /** Rejects missing fields and a position a client could not send back in {@code since}. */
    public Resync {
        Objects.requireNonNull(channel, "channel");
        StreamPosition.requireOffset(offset);
        StreamPosition.requireEpoch(epoch);
        Objects.requireNonNull(reason, "reason");
        if (reason.isEmpty()) {
            throw new IllegalArgumentException("reason must not be empty");
        }
        Objects.requireNonNull(timestamp, "timestamp");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
