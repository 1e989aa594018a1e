package dev.zena.realtime.console.client;

import java.time.Instant;
import java.util.Map;

/** {@code GET /api/metrics/websocket} (SPEC §6): totals and 10-second rates as the server reports them. */
public record MetricsTotals(
        long connections,
        Map<String, Long> connectionsPerTenant,
        Rate messages,
        Rate errors,
        Rate dropped,
        Instant timestamp) {

    public MetricsTotals {
        connectionsPerTenant = Map.copyOf(connectionsPerTenant);
    }

    /** A counter's mean per second over the last 10 s and its total since 00:00 UTC. */
    public record Rate(double perSecond, long totalToday) {}
}
