package dev.zena.realtime.handshake;

import dev.zena.realtime.http.ApiException;
import dev.zena.realtime.http.Services;
import dev.zena.realtime.http.UpgradeRefusal;
import dev.zena.realtime.limits.Limit;
import dev.zena.realtime.limits.LimitExceeded;
import dev.zena.realtime.limits.Limits;
import dev.zena.realtime.log.LogText;
import dev.zena.realtime.metrics.Metrics;
import dev.zena.realtime.protocol.ErrorCode;
import dev.zena.realtime.websocket.WsProtocol;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * The checks of SPEC §5 that every WebSocket handshake passes, whatever its endpoint ({@code /ws}, the admin feed):
 * handshakes and open connections per client address, then the browser {@code Origin}. Also the one place that
 * writes, logs ({@code ws_denied stage=handshake}) and counts a handshake refusal. Thread-safe.
 */
public final class AddressGuard {

    private static final Logger LOG = LoggerFactory.getLogger(AddressGuard.class);

    private final Limits limits;
    private final Metrics metrics;
    private final UpgradeRefusal refusal;

    public AddressGuard(Services services, UpgradeRefusal refusal) {
        this.limits = services.limits();
        this.metrics = services.metrics();
        this.refusal = refusal;
    }

    /** Called first for every handshake: the client address, after trusted-proxy resolution. */
    public String resolve(HttpServletRequest req) {
        return limits.clientAddresses().resolve(req.getRemoteAddr(), req.getHeader("X-Forwarded-For"));
    }

    /**
     * Called before every upgrade with the address {@link #resolve} answered; counts the handshake. Refusals, in
     * this order: 429 + Retry-After over the handshake rate or the open connections of the address; 403 for a
     * browser {@code Origin} not allowed. Empty when the upgrade may go on, else the refusal, already written.
     */
    public Optional<ApiException> check(HttpServletRequest req, HttpServletResponse res, String remote, String path) {
        LimitExceeded exceeded = limits.addresses().checkHandshake(remote).orElse(null);
        if (exceeded != null) {
            metrics.limitRefused(exceeded.limit().tag());
            ErrorCode code = exceeded.limit() == Limit.HANDSHAKES_PER_IP
                    ? ErrorCode.RATE_LIMITED : ErrorCode.CONNECTION_LIMIT;
            return Optional.of(refuse(res, remote, path, exceeded.limit().tag(), new ApiException(429, code.name(),
                    code == ErrorCode.RATE_LIMITED ? WsProtocol.RATE_LIMITED : "Connection limit reached (per address)",
                    null, exceeded.retryAfterSeconds())));
        }
        if (!limits.origins().isAllowed(req.getHeader("Origin"))) {
            return Optional.of(refuse(res, remote, path, "origin",
                    ApiException.of(ErrorCode.FORBIDDEN, "Origin not allowed")));
        }
        return Optional.empty();
    }

    /** Writes, logs and counts one handshake refusal; answers it, for callers that throw it to stop the upgrade. */
    public ApiException refuse(HttpServletResponse res, String remote, String path, String reason, ApiException answer) {
        LOG.info("ws_denied stage=handshake remote={} code={} status={} reason={} path={}", remote, answer.code(),
                answer.status(), reason, LogText.of(path));
        metrics.handshakeRefused(answer.code());
        refusal.write(res, answer);
        return answer;
    }
}
