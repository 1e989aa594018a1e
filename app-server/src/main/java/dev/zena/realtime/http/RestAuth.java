package dev.zena.realtime.http;

import dev.zena.realtime.auth.AuthException;
import dev.zena.realtime.auth.BearerTokens;
import dev.zena.realtime.auth.Principal;
import dev.zena.realtime.auth.TokenValidator;
import dev.zena.realtime.limits.KeyedRate;
import dev.zena.realtime.limits.LimitExceeded;
import dev.zena.realtime.log.LogText;
import dev.zena.realtime.metrics.Metrics;
import dev.zena.realtime.protocol.ErrorCode;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.User;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bearer authentication of REST requests with the same validator as the WebSocket: the caller is the current
 * store record of the token's user, or null when the request has no valid token. App API callers are then held
 * to the per-user request rate (SPEC §5), only once authenticated, so a 401 never becomes a 429.
 */
public final class RestAuth {

    private static final Logger LOG = LoggerFactory.getLogger(RestAuth.class);

    private final TokenValidator validator;
    private final Store store;
    private final KeyedRate perUser;
    private final Metrics metrics;

    /** Built once per server; {@code perUser} is the App API request rate ({@code limits.rest_per_user}). */
    public RestAuth(TokenValidator validator, Store store, KeyedRate perUser, Metrics metrics) {
        this.validator = validator;
        this.store = store;
        this.perUser = perUser;
        this.metrics = metrics;
    }

    /**
     * The App API caller of a request, or null (no token, or a token that fails SPEC §2); a 429
     * {@link ApiException} with {@code Retry-After} when this user is over the request rate.
     */
    public User callerOrNull(Context ctx) {
        User caller = identify(ctx);
        if (caller != null) {
            LimitExceeded exceeded = perUser.tryAcquire(caller.id()).orElse(null);
            if (exceeded != null) {
                LOG.info(
                        "http_denied path={} user={} tenant={} limit={}",
                        LogText.of(ctx.path()),
                        caller.id(),
                        caller.tenantId(),
                        exceeded.limit().tag());
                metrics.limitRefused(exceeded.limit().tag());
                throw new ApiException(
                        429,
                        ErrorCode.RATE_LIMITED.name(),
                        LimitExceeded.RATE_LIMITED_MESSAGE,
                        null,
                        exceeded.retryAfterSeconds());
            }
        }
        return caller;
    }

    /** The caller of a request, without the App API request rate (metrics and admin endpoints); null when none. */
    public User identify(Context ctx) {
        String token = BearerTokens.bearer(ctx.header("Authorization"));
        if (token == null) {
            return null;
        }
        try {
            Principal principal = validator.validate(token);
            return store.user(principal.userId()).orElse(null);
        } catch (AuthException e) {
            LOG.info("http_auth_refused path={} reason={}", LogText.of(ctx.path()), e.reason());
            metrics.authFailed(e.reason().name());
            return null;
        }
    }

    /** The App API caller of a request that requires one; a 401 (or 429) {@link ApiException} otherwise. */
    public User require(Context ctx) {
        User caller = callerOrNull(ctx);
        if (caller == null) {
            throw unauthenticated(ctx);
        }
        return caller;
    }

    /** The 401 for a request without a valid token (AUTH_INVALID when it carried one, else AUTH_REQUIRED). */
    public static ApiException unauthenticated(Context ctx) {
        boolean hadToken = BearerTokens.bearer(ctx.header("Authorization")) != null;
        return hadToken
                ? ApiException.of(ErrorCode.AUTH_INVALID, AuthException.MESSAGE)
                : ApiException.of(
                        ErrorCode.AUTH_REQUIRED, "Authentication required: send Authorization: Bearer <token>");
    }
}
