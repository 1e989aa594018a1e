package dev.zena.realtime.transport;

import dev.zena.realtime.auth.BearerTokens;
import dev.zena.realtime.auth.AuthException;
import dev.zena.realtime.auth.TokenValidator;
import dev.zena.realtime.limits.Limit;
import dev.zena.realtime.limits.LimitExceeded;
import dev.zena.realtime.limits.Limits;
import dev.zena.realtime.metrics.Metrics;
import dev.zena.realtime.protocol.ErrorCode;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.BooleanSupplier;

/**
 * The checks of a {@code /ws} handshake, before any socket exists. It leaves the resolved client address (and the
 * principal of a valid handshake token) on the request for {@link WsEndpoint}.
 */
final class HandshakeGuard {

    /** Request attribute: the client address after trusted-proxy resolution. */
    static final String REMOTE = "zena.remote";
    /** Request attribute: the principal of a valid token given at the handshake. */
    static final String PRINCIPAL = "zena.principal";

    private static final Logger LOG = LoggerFactory.getLogger(HandshakeGuard.class);

    private final Limits limits;
    private final Metrics metrics;
    private final TokenValidator validator;
    private final UpgradeRefusal refusal;
    private final BooleanSupplier isDraining;

    HandshakeGuard(Services services, UpgradeRefusal refusal, BooleanSupplier isDraining) {
        this.limits = services.limits();
        this.metrics = services.metrics();
        this.validator = services.validator();
        this.refusal = refusal;
        this.isDraining = isDraining;
    }

    /**
     * Called before every upgrade of {@code /ws}. Refusals, in this order, each with the SPEC §6 body: 503 while
     * draining; 429 + Retry-After over the handshake rate or the open connections of the client address; 403 for
     * a browser {@code Origin} not allowed; 401 for an invalid token given at the handshake.
     */
    void beforeUpgrade(Context ctx) {
        String remote = limits.clientAddresses().resolve(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For"));
        ctx.attribute(REMOTE, remote);
        if (isDraining.getAsBoolean()) {
            throw refuse(ctx, remote, "draining", new ApiException(503, HttpServer.DRAINING,
                    "Server is shutting down: reconnect to another node or later", null, null));
        }
        LimitExceeded exceeded = limits.addresses().checkHandshake(remote).orElse(null);
        if (exceeded != null) {
            metrics.limitRefused(exceeded.limit().tag());
            ErrorCode code = exceeded.limit() == Limit.HANDSHAKES_PER_IP
                    ? ErrorCode.RATE_LIMITED : ErrorCode.CONNECTION_LIMIT;
            throw refuse(ctx, remote, exceeded.limit().tag(), new ApiException(429, code.name(),
                    code == ErrorCode.RATE_LIMITED ? WsProtocol.RATE_LIMITED : "Connection limit reached (per address)",
                    null, exceeded.retryAfterSeconds()));
        }
        if (!limits.origins().isAllowed(ctx.header("Origin"))) {
            throw refuse(ctx, remote, "origin", ApiException.of(ErrorCode.FORBIDDEN, "Origin not allowed"));
        }
        String token = BearerTokens.fromHandshake(ctx.header("Authorization"), ctx.queryParam("token"));
        if (token == null) {
            return;
        }
        try {
            ctx.attribute(PRINCIPAL, validator.validate(token));
        } catch (AuthException e) {
            metrics.authFailed(e.reason().name());
            throw refuse(ctx, remote, e.reason().name(),
                    new ApiException(401, ErrorCode.AUTH_INVALID.name(), e.getMessage(), null, null));
        }
    }

    private ApiException refuse(Context ctx, String remote, String reason, ApiException answer) {
        LOG.info("ws_denied stage=handshake remote={} code={} status={} reason={}", remote, answer.code(),
                answer.status(), reason);
        metrics.handshakeRefused(answer.code());
        return refusal.refuse(ctx, answer);
    }

}
