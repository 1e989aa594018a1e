package dev.zena.realtime.admin;

import dev.zena.realtime.auth.Principal;
import dev.zena.realtime.store.User;
import java.time.Instant;

/**
 * An authenticated caller of the admin API: the current store record of the token's user, whether it holds
 * {@code admin.global}, and what its token was validated into (the feed's live re-check checks that again, and
 * closes the feed at its {@code exp}).
 */
record AdminCaller(User user, boolean isGlobal, Principal principal) {

    /** When the caller's token expires. */
    Instant expiresAt() {
        return principal.expiresAt();
    }

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
