package dev.zena.realtime.console.client;

import java.time.Instant;
import java.util.List;

/**
 * One live connection as {@code GET /api/v1/admin/connections} and the feed describe it; {@code node} is the node of
 * the cluster holding it (null from a server that does not say); {@code protocol} is {@code zena} ({@code /ws}) or
 * {@code pusher} ({@code /app/{key}}, SPEC §12).
 */
public record ConnectionInfo(
        String id,
        String userId,
        String tenantId,
        String remoteAddress,
        Instant connectedAt,
        List<String> channels,
        long messagesIn,
        long messagesOut,
        long bytesIn,
        long bytesOut,
        Instant lastActivity,
        boolean isAuthenticated,
        String node,
        String protocol) {

    /** The protocol of a server that does not say it: only {@code /ws} existed. */
    public static final String ZENA = "zena";

    public ConnectionInfo {
        channels = List.copyOf(channels);
    }

    /** A {@code /ws} connection of a server that does not name its node. */
    public ConnectionInfo(
            String id,
            String userId,
            String tenantId,
            String remoteAddress,
            Instant connectedAt,
            List<String> channels,
            long messagesIn,
            long messagesOut,
            long bytesIn,
            long bytesOut,
            Instant lastActivity,
            boolean isAuthenticated) {
        this(
                id,
                userId,
                tenantId,
                remoteAddress,
                connectedAt,
                channels,
                messagesIn,
                messagesOut,
                bytesIn,
                bytesOut,
                lastActivity,
                isAuthenticated,
                null,
                ZENA);
    }
}
