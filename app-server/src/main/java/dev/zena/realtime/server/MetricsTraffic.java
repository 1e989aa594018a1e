package dev.zena.realtime.server;

import dev.zena.realtime.admin.TenantSeries;
import dev.zena.realtime.admin.TrafficSource;
import dev.zena.realtime.metrics.TrafficPoint;
import dev.zena.realtime.metrics.TrafficSeries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The admin traffic series read from the metrics counters (the same ones behind
 * {@code GET /api/metrics/websocket}): aligns the per-second ring on the requested window and pads seconds older
 * than the ring keeps with zeros. Lives here so that neither {@code metrics} nor {@code admin} knows the other.
 */
final class MetricsTraffic implements TrafficSource {

    private final TrafficSeries series;

    MetricsTraffic(TrafficSeries series) {
        this.series = series;
    }

    @Override
    public List<TenantSeries> lastSeconds(Instant end, int seconds, String tenantOrNull) {
        long endSecond = end.getEpochSecond();
        List<TenantSeries> result = new ArrayList<>();
        Iterable<String> tenants = tenantOrNull != null ? List.of(tenantOrNull) : new TreeSet<>(series.tenantIds());
        for (String tenant : tenants) {
            TenantSeries one = window(tenant, endSecond, seconds);
            if (tenantOrNull != null || hasAnything(one)) {
                result.add(one);
            }
        }
        return result;
    }

    private TenantSeries window(String tenant, long endSecond, int seconds) {
        Map<Long, TrafficPoint> bySecond = new HashMap<>();
        for (TrafficPoint point : series.points(tenant, TrafficSeries.SECONDS)) {
            bySecond.put(point.epochSecond(), point);
        }
        List<Long> in = new ArrayList<>(seconds);
        List<Long> out = new ArrayList<>(seconds);
        List<Long> errors = new ArrayList<>(seconds);
        List<Long> dropped = new ArrayList<>(seconds);
        List<Long> connections = new ArrayList<>(seconds);
        for (long second = endSecond - seconds; second < endSecond; second++) {
            TrafficPoint p = bySecond.getOrDefault(second, new TrafficPoint(second, 0, 0, 0, 0, 0));
            in.add(p.messagesIn());
            out.add(p.messagesOut());
            errors.add(p.errors());
            dropped.add(p.dropped());
            connections.add(p.connections());
        }
        return new TenantSeries(tenant, in, out, errors, dropped, connections);
    }

    private static boolean hasAnything(TenantSeries s) {
        return s.messagesIn().stream().anyMatch(n -> n > 0)
                || s.messagesOut().stream().anyMatch(n -> n > 0)
                || s.errors().stream().anyMatch(n -> n > 0)
                || s.dropped().stream().anyMatch(n -> n > 0)
                || s.connections().stream().anyMatch(n -> n > 0);
    }
}
