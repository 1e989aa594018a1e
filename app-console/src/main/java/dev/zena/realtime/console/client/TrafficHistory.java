package dev.zena.realtime.console.client;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/admin/traffic}: per-tenant per-second series; entry i of every series covers the second that
 * starts at {@code start + i * intervalSeconds}.
 */
public record TrafficHistory(Instant start, int intervalSeconds, List<TenantSeries> tenants, Instant timestamp) {

    public TrafficHistory {
        tenants = List.copyOf(tenants);
    }

    /** One tenant's series, oldest first, all of the same length. */
    public record TenantSeries(
            String tenantId,
            List<Long> messagesIn,
            List<Long> messagesOut,
            List<Long> errors,
            List<Long> dropped,
            List<Long> connections) {

        public TenantSeries {
            messagesIn = List.copyOf(messagesIn);
            messagesOut = List.copyOf(messagesOut);
            errors = List.copyOf(errors);
            dropped = List.copyOf(dropped);
            connections = List.copyOf(connections);
        }

        /** The figures of second {@code i} (missing entries read as zero). */
        public TrafficSample sample(int i) {
            return new TrafficSample(
                    at(messagesIn, i), at(messagesOut, i), at(errors, i), at(dropped, i), at(connections, i));
        }

        /** Number of seconds covered. */
        public int length() {
            return messagesIn.size();
        }

        private static long at(List<Long> series, int i) {
            return i < series.size() ? series.get(i) : 0;
        }
    }
}
