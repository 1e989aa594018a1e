package dev.zena.realtime.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Instant;
import java.util.Objects;

/**
 * A published event delivered to every connection holding {@code channel}. {@code offset} rises by one per event
 * within a channel and {@code epoch} names the channel's history it belongs to (SPEC §9; written only when set).
 * {@code test} marks events published as tests and {@code recovered} events replayed after a {@code subscription}
 * because the client asked with {@code since}; each is written as {@code true} only when set.
 * {@code data} is treated as immutable once the event is built: it may be shared by many deliveries.
 */
public record Event(
        String channel,
        String event,
        JsonNode data,
        long offset,
        String epoch,
        boolean test,
        boolean recovered,
        Instant timestamp)
        implements ServerMessage {

    /** The wire type name. */
    public static final String TYPE = "event";

    /** Rejects missing fields and an empty or over-long epoch; a null {@code data} becomes JSON null. */
    public Event {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(event, "event");
        data = data == null ? NullNode.getInstance() : data;
        if (epoch != null) {
            StreamPosition.requireEpoch(epoch);
        }
        Objects.requireNonNull(timestamp, "timestamp");
    }

    /** A live event of a server that names no epoch: written without {@code epoch}, never {@code recovered}. */
    public Event(String channel, String event, JsonNode data, long offset, boolean test, Instant timestamp) {
        this(channel, event, data, offset, null, test, false, timestamp);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
