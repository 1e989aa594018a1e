package dev.zena.realtime.console.client;

import java.time.Instant;
import java.util.List;

/**
 * One live connection as {@code GET /api/v1/admin/connections} and the feed describe it; {@code node} is the node of
 * the cluster holding it (null from a server that does not say).
 */
public record ConnectionInfo(String id, String userId, String tenantId, String remoteAddress, Instant connectedAt,
                             List<String> channels, long messagesIn, long messagesOut, long bytesIn, long bytesOut,
                             Instant lastActivity, boolean isAuthenticated, String node) {

    public ConnectionInfo {
        channels = List.copyOf(channels);
    }

    /** A connection of a server that does not name its node. */
    public ConnectionInfo(String id, String userId, String tenantId, String remoteAddress, Instant connectedAt,
                          List<String> channels, long messagesIn, long messagesOut, long bytesIn, long bytesOut,
                          Instant lastActivity, boolean isAuthenticated) {
        this(id, userId, tenantId, remoteAddress, connectedAt, channels, messagesIn, messagesOut, bytesIn, bytesOut,
                lastActivity, isAuthenticated, null);
    }
}
