package dev.zena.realtime.node;

import java.time.Instant;

/**
 * What a node tells the cluster about itself (SPEC §11 item 4, {@code GET /api/v1/admin/nodes}), refreshed by its
 * beat about once a second.
 *
 * @param address     the HTTP address it listens on ({@code host:port} as configured)
 * @param connections its live connections at its last beat
 * @param lastSeen    its last beat
 */
public record NodeCard(String id, String address, Instant startedAt, int connections, Instant lastSeen) {

    /** The same card with a newer count and beat. */
    public NodeCard beat(int count, Instant at) {
        return new NodeCard(id, address, startedAt, count, at);
    }
}
