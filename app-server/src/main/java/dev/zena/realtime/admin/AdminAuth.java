package dev.zena.realtime.admin;

import dev.zena.realtime.auth.BearerTokens;
import dev.zena.realtime.auth.AuthException;
import dev.zena.realtime.auth.Principal;
import dev.zena.realtime.auth.TokenValidator;
import dev.zena.realtime.log.LogText;
import dev.zena.realtime.protocol.ErrorCode;
import dev.zena.realtime.store.Permission;
import dev.zena.realtime.store.PermissionMatrix;
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

    AdminAuth(TokenValidator validator, Store store) {
        this.validator = validator;
        this.store = store;
    }

    /** Called by every admin route: the caller from {@code Authorization: Bearer}. */
    AdminCaller require(Context ctx) {
        return callerOf(ctx, BearerTokens.bearer(ctx.header("Authorization")));
    }

    /** Called before the feed's upgrade: the token from the header, else from {@code ?token=}. */
    AdminCaller requireAtHandshake(Context ctx) {
        return callerOf(ctx, BearerTokens.fromHandshake(ctx.header("Authorization"), ctx.queryParam("token")));
    }

    private AdminCaller callerOf(Context ctx, String token) {
        if (token == null) {
            throw new AdminRefusal(401, ErrorCode.AUTH_REQUIRED.name(),
                    "Authentication required: send Authorization: Bearer <token>", null);
        }
        Principal principal;
        User user;
        try {
            principal = validator.validate(token);
            user = store.user(principal.userId()).orElseThrow(() -> new AdminRefusal(401,
                    ErrorCode.AUTH_INVALID.name(), AuthException.MESSAGE, null));
        } catch (AuthException e) {
            LOG.info("admin_auth_refused path={} reason={}", LogText.of(ctx.path()), e.reason());
            throw new AdminRefusal(401, ErrorCode.AUTH_INVALID.name(), AuthException.MESSAGE, null);
        }
        PermissionMatrix matrix = store.permissions();
        if (!matrix.allows(user.role(), Permission.ADMIN_ACCESS) && !matrix.allows(user.role(), Permission.ADMIN_GLOBAL)) {
            LOG.info("admin_denied path={} user={}", LogText.of(ctx.path()), user.id());
            throw AdminRefusal.forbidden("The admin API requires admin.access");
        }
        return new AdminCaller(user, matrix.allows(user.role(), Permission.ADMIN_GLOBAL), principal.expiresAt());
    }

}
