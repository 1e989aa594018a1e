package dev.zena.realtime.websocket;

import dev.zena.realtime.auth.AuthException;
import dev.zena.realtime.auth.BearerTokens;
import dev.zena.realtime.auth.Principal;
import dev.zena.realtime.auth.TokenValidator;
import dev.zena.realtime.handshake.AddressGuard;
import dev.zena.realtime.handshake.Refusal;
import dev.zena.realtime.handshake.UpgradeRequest;
import dev.zena.realtime.metrics.Metrics;
import dev.zena.realtime.protocol.ErrorCode;
import java.util.function.BooleanSupplier;

/**
 * The checks of a {@code /ws} handshake, before any socket exists: draining, then those of every handshake
 * ({@link AddressGuard}), then the token. It answers the resolved client address (and the principal of a valid
 * handshake token) for {@link WsEndpoint}: all that is kept of the HTTP request. Thread-safe.
 */
public final class HandshakeGuard {

    /** The error code of a handshake refused with 503 while the server drains. */
    static final String DRAINING = "DRAINING";

    /** What a handshake let through passes on to the socket; {@code principal} null without a handshake token. */
    public record Admitted(String remote, Principal principal) {}

    private final AddressGuard addresses;
    private final TokenValidator validator;
    private final Metrics metrics;
    private final BooleanSupplier isDraining;

    /** Built once per server; {@code isDraining} turns true when shutdown starts. */
    public HandshakeGuard(
            AddressGuard addresses, TokenValidator validator, Metrics metrics, BooleanSupplier isDraining) {
        this.addresses = addresses;
        this.validator = validator;
        this.metrics = metrics;
        this.isDraining = isDraining;
    }

    /**
     * Called before every upgrade of {@code /ws}, on an HTTP thread; blocks while the token's user is read from the
     * store. Throws, in this order, each with the SPEC §6 body: 503 while draining; those of
     * {@link AddressGuard#check} (429 + Retry-After per client address, 403 for the {@code Origin}); 401 for an
     * invalid token given at the handshake ({@code Authorization} header or {@code ?token=}).
     */
    public Admitted admit(UpgradeRequest request) throws Refusal {
        String remote = addresses.resolve(request);
        if (isDraining.getAsBoolean()) {
            throw addresses.refuse(
                    remote,
                    WsEndpoint.PATH,
                    "draining",
                    new Refusal(
                            503, DRAINING, "Server is shutting down: reconnect to another node or later", null, null));
        }
        addresses.check(request, remote, WsEndpoint.PATH);
        String token = BearerTokens.fromHandshake(request.header("Authorization"), request.queryParam("token"));
        if (token == null) {
            return new Admitted(remote, null);
        }
        try {
            return new Admitted(remote, validator.validate(token));
        } catch (AuthException e) {
            metrics.authFailed(e.reason().name());
            throw addresses.refuse(
                    remote,
                    WsEndpoint.PATH,
                    e.reason().name(),
                    new Refusal(401, ErrorCode.AUTH_INVALID.name(), e.getMessage(), null, null));
        }
    }
}
