package dev.zena.realtime.admin;

import dev.zena.realtime.store.User;

import java.time.Instant;

/**
 * An authenticated caller of the admin API: the current store record of the token's user, whether it holds
 * {@code admin.global}, and when its token expires (the feed closes then).
 */
record AdminCaller(User user, boolean isGlobal, Instant expiresAt) {

    /** True when this caller may see things of {@code tenantId} (null = not yet authenticated: global only). */
    boolean sees(String tenantId) {
        return isGlobal || user.tenantId().equals(tenantId);
    }

    /** The feed's {@code scope}: the caller's tenant, or {@code *} for {@code admin.global}. */
    String scope() {
        return isGlobal ? "*" : user.tenantId();
    }

    /** Refuses unless the caller holds {@code admin.global}. */
    void requireGlobal() {
        if (!isGlobal) {
            throw AdminRefusal.forbidden("This operation requires admin.global");
        }
    }
}
