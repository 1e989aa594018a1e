package dev.zena.realtime.admin;

import dev.zena.realtime.access.Actions;
import dev.zena.realtime.access.Reach;
import dev.zena.realtime.auth.AuthException;
import dev.zena.realtime.auth.AuthFailure;
import dev.zena.realtime.auth.BearerTokens;
import dev.zena.realtime.auth.Principal;
import dev.zena.realtime.auth.TokenValidator;
import dev.zena.realtime.log.LogText;
import dev.zena.realtime.protocol.ErrorCode;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.User;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates admin requests with the same validator as REST and the WebSocket: no or an invalid token is a
 * 401, a valid token of a user without {@code admin.access} a 403. Thread-safe.
 */
final class AdminAuth {

    private static final Logger LOG = LoggerFactory.getLogger(AdminAuth.class);

    private final TokenValidator validator;
    private final Store store;
    private final Actions actions;

    AdminAuth(TokenValidator validator, Store store, Actions actions) {
        this.validator = validator;
        this.store = store;
        this.actions = actions;
    }

    /** Called by every admin route: the caller from {@code Authorization: Bearer}. */
    AdminCaller require(Context ctx) {
        return callerOf(ctx, BearerTokens.bearer(ctx.header("Authorization")));
    }

    /** Called before the feed's upgrade with the token it read from the header or {@code ?token=} (null: none). */
    AdminCaller requireAtHandshake(Context ctx, String token) {
        return callerOf(ctx, token);
    }

    /**
     * Called by every admin request and by the feed's handshake: who {@code token} speaks for now, by the token
     * rule of SPEC §2 ({@link TokenValidator#validate}). Throws the validator's refusal when the token is not valid,
     * and a 403 when the user's role holds neither {@code admin.access} nor {@code admin.global}. Blocks while the
     * store answers.
     */
    AdminCaller current(String token, String path) throws AuthException {
        Principal principal = validator.validate(token);
        User user = store.user(principal.userId()).orElseThrow(() -> new AuthException(AuthFailure.UNKNOWN_USER));
        return withAdminAccess(principal, user, path);
    }

    /**
     * Called by the feed's live re-check after a store change, on the ticker thread, with the principal its
     * handshake validated: the caller now, by the same rules as {@link #current} — the one rule for a token already
     * accepted ({@link TokenValidator#failureOf}: user, tenant, activity, revocations), then admin access. Its
     * {@code exp} is the re-check's own business. Blocks while the store answers.
     */
    AdminCaller recheck(Principal principal, String path) throws AuthException {
        User user = store.user(principal.userId()).orElse(null);
        AuthFailure failure = validator.failureOf(principal, user).orElse(null);
        if (failure != null) {
            throw new AuthException(failure);
        }
        return withAdminAccess(principal, user, path);
    }

    private AdminCaller withAdminAccess(Principal principal, User user, String path) {
        Reach reach = actions.adminReach(user);
        if (reach == Reach.NONE) {
            LOG.info("admin_denied path={} user={}", LogText.of(path), user.id());
            throw AdminRefusal.forbidden("The admin API requires admin.access");
        }
        return new AdminCaller(user, reach == Reach.EVERY_TENANT, principal);
    }

    private AdminCaller callerOf(Context ctx, String token) {
        if (token == null) {
            throw new AdminRefusal(
                    401,
                    ErrorCode.AUTH_REQUIRED.name(),
                    "Authentication required: send Authorization: Bearer <token>",
                    null);
        }
        try {
            return current(token, ctx.path());
        } catch (AuthException e) {
            LOG.info("admin_auth_refused path={} reason={}", LogText.of(ctx.path()), e.reason());
            throw new AdminRefusal(401, ErrorCode.AUTH_INVALID.name(), AuthException.MESSAGE, null);
        }
    }
}
