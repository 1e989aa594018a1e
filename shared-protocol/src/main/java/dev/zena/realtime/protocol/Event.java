package dev.zena.realtime.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Instant;
import java.util.Objects;

/**
 * A published event delivered to every connection holding {@code channel}. {@code offset} rises by one per event
 * within a channel; {@code test} marks events published as tests (written as {@code "test":true} only when set).
 * {@code data} is treated as immutable once the event is built: it may be shared by many deliveries.
 */
public record Event(String channel, String event, JsonNode data, long offset, boolean test, Instant timestamp)
        implements ServerMessage {

    /** The wire type name. */
    public static final String TYPE = "event";

    /** Rejects missing fields; a null {@code data} becomes JSON null. */
    public Event {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(event, "event");
        data = data == null ? NullNode.getInstance() : data;
        Objects.requireNonNull(timestamp, "timestamp");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
