package dev.zena.realtime.store;

import java.util.Optional;

/**
 * The narrow view of the store that token validation needs. Implementations are thread-safe and may block
 * on I/O briefly.
 */
public interface Accounts {
    /** The user with this id, active or not; empty when none exists. */
    Optional<User> user(String id);

    /** True while a revoked {@code jti} has not yet expired. */
    boolean isRevoked(String jti);
}
