package dev.zena.realtime.auth;

import dev.zena.realtime.store.Role;
import java.time.Instant;
import java.util.Objects;

/**
 * Who a valid token speaks for; built by {@link TokenValidator#validate(String)} and read by access checks,
 * connection bookkeeping and the {@code authentication} reply.
 *
 * @param userId    the user's id (from {@code sub})
 * @param tenantId  the user's tenant (equal to the token's {@code tenant_id})
 * @param userName  the user's display name, from the store
 * @param role      the user's role, from the store at validation time
 * @param expiresAt the token's {@code exp}
 * @param jti       the token's {@code jti}; null when the token has none (it then cannot be revoked alone)
 * @param issuedAt  the token's {@code iat}; null when the token has none
 */
public record Principal(
        String userId, String tenantId, String userName, Role role, Instant expiresAt, String jti, Instant issuedAt) {

    public Principal {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
