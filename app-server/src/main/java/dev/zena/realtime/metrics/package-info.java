/**
 * What the server tells its operator: the per-tenant per-second {@link dev.zena.realtime.metrics.TrafficSeries}
 * (read by {@code GET /api/metrics/websocket} and the admin traffic API), today's totals, and the Micrometer
 * registry scraped as Prometheus text by {@code GET /metrics}. Fed by the hub's listener hooks and by the
 * transport. No Javalin here; time comes from the injected {@link java.time.Clock}.
 */
package dev.zena.realtime.metrics;
