package dev.zena.realtime.transport;

import dev.zena.realtime.auth.BearerTokens;
import dev.zena.realtime.auth.AuthException;
import dev.zena.realtime.auth.TokenValidator;
import dev.zena.realtime.limits.Limit;
import dev.zena.realtime.limits.LimitExceeded;
import dev.zena.realtime.limits.Limits;
import dev.zena.realtime.metrics.Metrics;
import dev.zena.realtime.protocol.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Base64;
import java.util.function.BooleanSupplier;

/**
 * The checks of a {@code /ws} handshake, before any socket exists. It answers the resolved client address (and the
 * principal of a valid handshake token) for {@link WsEndpoint}: all that is kept of the HTTP request. The RFC 6455
 * checks of the upgrade's own headers ({@link #hasValidHeaders}) apply to every WebSocket endpoint.
 */
final class HandshakeGuard {

    /** The error code of a handshake refused with 426 for its {@code Sec-WebSocket-Version}. */
    static final String UPGRADE_REQUIRED = "UPGRADE_REQUIRED";
    /** The only WebSocket version there is (RFC 6455 §4.1); named to the client by a 426. */
    static final String VERSION = "13";
    private static final String KEY_HEADER = "Sec-WebSocket-Key";
    private static final String VERSION_HEADER = "Sec-WebSocket-Version";

    /** What a handshake let through passes on to the socket; {@code principal} null without a handshake token. */
    record Admitted(String remote, dev.zena.realtime.auth.Principal principal) { }

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
     * Called before every WebSocket upgrade ({@code /ws} and the admin feed), before the checks of the endpoint: a
     * {@code Sec-WebSocket-Version} other than 13 is refused with 426 and {@code Sec-WebSocket-Version: 13} (RFC 6455
     * §4.4), then a {@code Sec-WebSocket-Key} that is not the base64 of 16 bytes with 400 (§4.2.1). Answers false
     * when the handshake was refused (the answer is then written to {@code res}).
     */
    boolean hasValidHeaders(HttpServletRequest req, HttpServletResponse res) {
        if (!VERSION.equals(req.getHeader(VERSION_HEADER))) {
            res.setHeader(VERSION_HEADER, VERSION);
            // RFC 9110 §15.5.22: a 426 names the protocol to upgrade to.
            res.setHeader("Upgrade", "websocket");
            res.setHeader("Connection", "Upgrade");
            refuse(res, remote(req), "version", new ApiException(426, UPGRADE_REQUIRED,
                    "Unsupported WebSocket version: send Sec-WebSocket-Version: 13", VERSION_HEADER, null));
            return false;
        }
        if (!isKey(req.getHeader(KEY_HEADER))) {
            refuse(res, remote(req), "key", ApiException.badInput(KEY_HEADER,
                    "Sec-WebSocket-Key must be the base64 of 16 bytes"));
            return false;
        }
        return true;
    }

    /**
     * Called before every upgrade of {@code /ws}. Refusals, in this order, each with the SPEC §6 body: 503 while
     * draining; 429 + Retry-After over the handshake rate or the open connections of the client address; 403 for
     * a browser {@code Origin} not allowed; 401 for an invalid token given at the handshake. Answers null when the
     * handshake was refused (the answer is then written to {@code res}).
     */
    Admitted beforeUpgrade(HttpServletRequest req, HttpServletResponse res) {
        String remote = remote(req);
        if (isDraining.getAsBoolean()) {
            return refuse(res, remote, "draining", new ApiException(503, HttpServer.DRAINING,
                    "Server is shutting down: reconnect to another node or later", null, null));
        }
        LimitExceeded exceeded = limits.addresses().checkHandshake(remote).orElse(null);
        if (exceeded != null) {
            metrics.limitRefused(exceeded.limit().tag());
            ErrorCode code = exceeded.limit() == Limit.HANDSHAKES_PER_IP
                    ? ErrorCode.RATE_LIMITED : ErrorCode.CONNECTION_LIMIT;
            return refuse(res, remote, exceeded.limit().tag(), new ApiException(429, code.name(),
                    code == ErrorCode.RATE_LIMITED ? WsProtocol.RATE_LIMITED : "Connection limit reached (per address)",
                    null, exceeded.retryAfterSeconds()));
        }
        if (!limits.origins().isAllowed(req.getHeader("Origin"))) {
            return refuse(res, remote, "origin", ApiException.of(ErrorCode.FORBIDDEN, "Origin not allowed"));
        }
        String token = BearerTokens.fromHandshake(req.getHeader("Authorization"), req.getParameter("token"));
        if (token == null) {
            return new Admitted(remote, null);
        }
        try {
            return new Admitted(remote, validator.validate(token));
        } catch (AuthException e) {
            metrics.authFailed(e.reason().name());
            return refuse(res, remote, e.reason().name(),
                    new ApiException(401, ErrorCode.AUTH_INVALID.name(), e.getMessage(), null, null));
        }
    }

    /** RFC 6455 §4.2.1: the key is the base64 of 16 bytes, so 24 characters (the last two padding). */
    static boolean isKey(String key) {
        if (key == null || key.length() != 24) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private String remote(HttpServletRequest req) {
        return limits.clientAddresses().resolve(req.getRemoteAddr(), req.getHeader("X-Forwarded-For"));
    }

    private Admitted refuse(HttpServletResponse res, String remote, String reason, ApiException answer) {
        LOG.info("ws_denied stage=handshake remote={} code={} status={} reason={}", remote, answer.code(),
                answer.status(), reason);
        metrics.handshakeRefused(answer.code());
        refusal.write(res, answer);
        return null;
    }

}
