package dev.zena.realtime.metrics;

import java.time.Instant;
import java.util.Map;

/**
 * The figures of {@code GET /api/metrics/websocket} (SPEC §6) for one view: the whole server, or one tenant.
 *
 * @param connections live connections in the view (whole server: all, authenticated or not; tenant: its own)
 * @param perTenant   live authenticated connections per tenant id in the view
 */
public record WebSocketFigures(
        long connections, Map<String, Long> perTenant, Rate messages, Rate errors, Rate dropped, Instant timestamp) {

    /** A mean per second over the last ten seconds and a total since 00:00 UTC. */
    public record Rate(double perSecond, long totalToday) {}
}
