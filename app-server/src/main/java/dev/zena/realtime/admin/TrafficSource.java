package dev.zena.realtime.admin;

import java.time.Instant;
import java.util.List;

/**
 * Per-tenant, per-second traffic counters, the same ones {@code GET /api/metrics/websocket} reads. Implemented
 * outside this package (by the metrics counters); the admin API only reads it. Implementations are thread-safe
 * and answer quickly without blocking (they are read once a second by the feed and on every traffic request).
 */
public interface TrafficSource {

    /**
     * The series of the {@code seconds} whole seconds that end at {@code end} (exclusive; a whole second), oldest
     * first: entry i of every array covers {@code [end - seconds + i, end - seconds + i + 1)}. One series per
     * tenant that had traffic or connections in that window, or only {@code tenantOrNull} when it is given.
     * Seconds older than the source keeps are zeros.
     */
    List<TenantSeries> lastSeconds(Instant end, int seconds, String tenantOrNull);
}
