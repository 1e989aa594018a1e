package dev.zena.realtime.console.client;

import java.util.List;

/**
 * The answer of {@code GET /api/v1/app/channels/{channel}/history} (SPEC §9): the events (oldest first), the
 * channel's current position, and — for a read with {@code since} — whether the events after it could all be
 * given ({@code reason} is null when they could: {@code epoch_changed}, {@code offset_expired}, {@code too_many} or
 * {@code history_unavailable} otherwise).
 */
public record ChannelHistory(List<ChannelEvent> events, ChannelPosition position, boolean isRecovered, String reason) {

    public ChannelHistory {
        events = List.copyOf(events);
    }
}
