package dev.zena.realtime.transport;

import dev.zena.realtime.auth.BearerTokens;
import dev.zena.realtime.auth.AuthException;
import dev.zena.realtime.auth.TokenValidator;
import dev.zena.realtime.metrics.Metrics;
import dev.zena.realtime.protocol.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.function.BooleanSupplier;

/**
 * The checks of a {@code /ws} handshake, before any socket exists: draining, then those of every handshake
 * ({@link AddressGuard}), then the token. It answers the resolved client address (and the principal of a valid
 * handshake token) for {@link WsEndpoint}: all that is kept of the HTTP request.
 */
final class HandshakeGuard {

    /** What a handshake let through passes on to the socket; {@code principal} null without a handshake token. */
    record Admitted(String remote, dev.zena.realtime.auth.Principal principal) { }

    private final AddressGuard addresses;
    private final Metrics metrics;
    private final TokenValidator validator;
    private final BooleanSupplier isDraining;

    HandshakeGuard(Services services, UpgradeRefusal refusal, BooleanSupplier isDraining) {
        this.addresses = new AddressGuard(services, refusal);
        this.metrics = services.metrics();
        this.validator = services.validator();
        this.isDraining = isDraining;
    }

    /**
     * Called before every upgrade of {@code /ws}. Refusals, in this order, each with the SPEC §6 body: 503 while
     * draining; those of {@link AddressGuard#check} (429 + Retry-After per client address, 403 for the
     * {@code Origin}); 401 for an invalid token given at the handshake. Answers null when the handshake was
     * refused (the answer is then written to {@code res}).
     */
    Admitted beforeUpgrade(HttpServletRequest req, HttpServletResponse res) {
        String remote = addresses.resolve(req);
        if (isDraining.getAsBoolean()) {
            addresses.refuse(res, remote, HttpServer.WS_PATH, "draining", new ApiException(503, HttpServer.DRAINING,
                    "Server is shutting down: reconnect to another node or later", null, null));
            return null;
        }
        if (addresses.check(req, res, remote, HttpServer.WS_PATH).isPresent()) {
            return null;
        }
        String token = BearerTokens.fromHandshake(req.getHeader("Authorization"), req.getParameter("token"));
        if (token == null) {
            return new Admitted(remote, null);
        }
        try {
            return new Admitted(remote, validator.validate(token));
        } catch (AuthException e) {
            metrics.authFailed(e.reason().name());
            addresses.refuse(res, remote, HttpServer.WS_PATH, e.reason().name(),
                    new ApiException(401, ErrorCode.AUTH_INVALID.name(), e.getMessage(), null, null));
            return null;
        }
    }
}
