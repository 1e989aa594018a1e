package dev.zena.realtime.limits;

import java.util.Optional;

/**
 * Authenticated connections per user and per tenant (SPEC §5): {@link MemoryConnectionCaps} for one process,
 * {@link RedisConnectionCaps} for a cluster, where the caps count every node's connections (SPEC §11). A
 * connection is counted at its first authentication and released when it closes; a refresh by the same user is not
 * counted again. Implementations are thread-safe; {@link #admit} and {@link #release} may block on a network
 * call for at most the Redis command timeout.
 */
public interface ConnectionCaps {

    /** Called at a connection's authentication: empty when admitted (or already admitted), else the cap reached. */
    Optional<LimitExceeded> admit(String connectionId, String tenantId, String userId);

    /** Called when a connection closes (admitted or not). */
    void release(String connectionId);

    /** Admitted connections of a tenant on this node. */
    int ofTenant(String tenantId);

    /** Admitted connections of a user on this node. */
    int ofUser(String userId);
}
