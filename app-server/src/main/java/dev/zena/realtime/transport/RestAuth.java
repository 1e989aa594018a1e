package dev.zena.realtime.transport;

import dev.zena.realtime.auth.AuthException;
import dev.zena.realtime.auth.Principal;
import dev.zena.realtime.auth.TokenValidator;
import dev.zena.realtime.protocol.ErrorCode;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.User;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bearer authentication of REST requests with the same validator as the WebSocket: the caller is the current
 * store record of the token's user, or null when the request has no valid token.
 */
final class RestAuth {

    private static final Logger LOG = LoggerFactory.getLogger(RestAuth.class);

    private final TokenValidator validator;
    private final Store store;

    RestAuth(TokenValidator validator, Store store) {
        this.validator = validator;
        this.store = store;
    }

    /** The caller of a request, or null (no token, or a token that fails SPEC §2). */
    User callerOrNull(Context ctx) {
        String token = Tokens.bearer(ctx.header("Authorization"));
        if (token == null) {
            return null;
        }
        try {
            Principal principal = validator.validate(token);
            return store.user(principal.userId()).orElse(null);
        } catch (AuthException e) {
            LOG.info("http_auth_refused path={} reason={}", ctx.path(), e.reason());
            return null;
        }
    }

    /** The caller of a request that requires one; a 401 {@link ApiException} otherwise. */
    User require(Context ctx) {
        User caller = callerOrNull(ctx);
        if (caller == null) {
            throw unauthenticated(ctx);
        }
        return caller;
    }

    /** The 401 for a request without a valid token (AUTH_INVALID when it carried one, else AUTH_REQUIRED). */
    static ApiException unauthenticated(Context ctx) {
        boolean hadToken = Tokens.bearer(ctx.header("Authorization")) != null;
        return hadToken
                ? ApiException.of(ErrorCode.AUTH_INVALID, AuthException.MESSAGE)
                : ApiException.of(ErrorCode.AUTH_REQUIRED, "Authentication required: send Authorization: Bearer <token>");
    }
}
