package dev.zena.realtime.console.client;

import java.time.Instant;
import java.util.List;

/** One live connection as {@code GET /api/v1/admin/connections} and the feed describe it. */
public record ConnectionInfo(String id, String userId, String tenantId, String remoteAddress, Instant connectedAt,
                             List<String> channels, long messagesIn, long messagesOut, long bytesIn, long bytesOut,
                             Instant lastActivity, boolean isAuthenticated) {

    public ConnectionInfo {
        channels = List.copyOf(channels);
    }
}
