package dev.zena.realtime.console.client;

import java.time.Instant;
import java.util.Map;

/** A message of the live feed ({@code GET /api/v1/admin/feed}). */
public sealed interface FeedEvent {

    /** First message after the handshake: {@code scope} is a tenant id, or {@code "*"} for admin.global. */
    record Hello(String scope) implements FeedEvent {

        /** True when the token has admin.global (every tenant). */
        public boolean isGlobal() {
            return "*".equals(scope);
        }
    }

    /** A connection authenticated. */
    record ConnectionOpened(ConnectionInfo connection) implements FeedEvent {}

    /** A connection closed with {@code code}. */
    record ConnectionClosed(String connectionId, String tenantId, String userId, int code) implements FeedEvent {}

    /** The figures of one finished second, by tenant. */
    record TrafficTick(Instant second, Map<String, TrafficSample> tenants) implements FeedEvent {

        public TrafficTick {
            tenants = Map.copyOf(tenants);
        }
    }
}
