package dev.zena.realtime.console.client;

import java.time.Instant;

/**
 * One live node of the cluster as {@code GET /api/v1/admin/nodes} lists it; {@code connections} is null when the
 * node did not answer and the caller may not see its last count; {@code isSelf} marks the node the console asked.
 */
public record NodeInfo(
        String id, String address, Instant startedAt, Long connections, Instant lastSeen, boolean isSelf) {}
