package dev.zena.realtime.console.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One {@code event} of a channel's stream, as {@code /ws} delivers it and the history endpoint lists it:
 * {@code epoch} is null from a server older than SPEC §9; {@code isTest} marks admin test events and
 * {@code isRecovered} events replayed after a {@code subscribe} with {@code since}.
 */
public record ChannelEvent(
        String channel,
        String event,
        JsonNode data,
        long offset,
        String epoch,
        boolean isTest,
        boolean isRecovered,
        Instant timestamp) {

    /** The stream position this event leaves the channel at, or null when the server sent no epoch. */
    public ChannelPosition position() {
        return epoch == null || offset < 0 ? null : new ChannelPosition(offset, epoch);
    }
}
