package dev.zena.realtime.websocket;

import dev.zena.realtime.auth.AuthException;
import dev.zena.realtime.auth.BearerTokens;
import dev.zena.realtime.auth.TokenValidator;
import dev.zena.realtime.handshake.AddressGuard;
import dev.zena.realtime.http.ApiException;
import dev.zena.realtime.http.HttpServer;
import dev.zena.realtime.http.Services;
import dev.zena.realtime.http.UpgradeRefusal;
import dev.zena.realtime.metrics.Metrics;
import dev.zena.realtime.protocol.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.Base64;
import java.util.function.BooleanSupplier;

/**
 * The checks of a {@code /ws} handshake, before any socket exists: draining, then those of every handshake
 * ({@link AddressGuard}), then the token. It answers the resolved client address (and the principal of a valid
 * handshake token) for {@link WsEndpoint}: all that is kept of the HTTP request. The RFC 6455 checks of the
 * upgrade's own headers ({@link #hasValidHeaders}) apply to every WebSocket endpoint.
 */
public final class HandshakeGuard {

    /** The error code of a handshake refused with 426 for its {@code Sec-WebSocket-Version}. */
    static final String UPGRADE_REQUIRED = "UPGRADE_REQUIRED";
    /** The only WebSocket version there is (RFC 6455 §4.1); named to the client by a 426. */
    static final String VERSION = "13";
    private static final String KEY_HEADER = "Sec-WebSocket-Key";
    private static final String VERSION_HEADER = "Sec-WebSocket-Version";

    /** What a handshake let through passes on to the socket; {@code principal} null without a handshake token. */
    public record Admitted(String remote, dev.zena.realtime.auth.Principal principal) { }

    private final AddressGuard addresses;
    private final Metrics metrics;
    private final TokenValidator validator;
    private final BooleanSupplier isDraining;

    public HandshakeGuard(Services services, UpgradeRefusal refusal, BooleanSupplier isDraining) {
        this.addresses = new AddressGuard(services, refusal);
        this.metrics = services.metrics();
        this.validator = services.validator();
        this.isDraining = isDraining;
    }

    /**
     * Called before every WebSocket upgrade ({@code /ws} and the admin feed), before the checks of the endpoint: a
     * {@code Sec-WebSocket-Version} other than 13 is refused with 426 and {@code Sec-WebSocket-Version: 13} (RFC 6455
     * §4.4), then a {@code Sec-WebSocket-Key} that is not the base64 of 16 bytes with 400 (§4.2.1). Answers false
     * when the handshake was refused (the answer is then written to {@code res}).
     */
    public boolean hasValidHeaders(HttpServletRequest req, HttpServletResponse res) {
        if (!VERSION.equals(req.getHeader(VERSION_HEADER))) {
            res.setHeader(VERSION_HEADER, VERSION);
            // RFC 9110 §15.5.22: a 426 names the protocol to upgrade to.
            res.setHeader("Upgrade", "websocket");
            res.setHeader("Connection", "Upgrade");
            addresses.refuse(res, addresses.resolve(req), req.getRequestURI(), "version", new ApiException(426,
                    UPGRADE_REQUIRED, "Unsupported WebSocket version: send Sec-WebSocket-Version: 13", VERSION_HEADER,
                    null));
            return false;
        }
        if (!isKey(req.getHeader(KEY_HEADER))) {
            addresses.refuse(res, addresses.resolve(req), req.getRequestURI(), "key",
                    ApiException.badInput(KEY_HEADER, "Sec-WebSocket-Key must be the base64 of 16 bytes"));
            return false;
        }
        return true;
    }

    /**
     * Called before every upgrade of {@code /ws}. Refusals, in this order, each with the SPEC §6 body: 503 while
     * draining; those of {@link AddressGuard#check} (429 + Retry-After per client address, 403 for the
     * {@code Origin}); 401 for an invalid token given at the handshake. Answers null when the handshake was
     * refused (the answer is then written to {@code res}).
     */
    public Admitted beforeUpgrade(HttpServletRequest req, HttpServletResponse res) {
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
}
