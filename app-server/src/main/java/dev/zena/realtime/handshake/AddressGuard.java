package dev.zena.realtime.handshake;

import dev.zena.realtime.limits.Limit;
import dev.zena.realtime.limits.LimitExceeded;
import dev.zena.realtime.limits.Limits;
import dev.zena.realtime.log.LogText;
import dev.zena.realtime.metrics.Metrics;
import dev.zena.realtime.protocol.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks of SPEC §5 that every WebSocket handshake passes, whatever its endpoint ({@code /ws}, the admin feed):
 * handshakes and open connections per client address, then the browser {@code Origin}. Also the one place that
 * logs ({@code ws_denied stage=handshake}) and counts a handshake refusal. Thread-safe.
 */
public final class AddressGuard {

    private static final Logger LOG = LoggerFactory.getLogger(AddressGuard.class);

    private final Limits limits;
    private final Metrics metrics;

    /** Built once per server. */
    public AddressGuard(Limits limits, Metrics metrics) {
        this.limits = limits;
        this.metrics = metrics;
    }

    /** Called first for every handshake: the client address, after trusted-proxy resolution. */
    public String resolve(UpgradeRequest request) {
        return limits.clientAddresses().resolve(request.peerAddress(), request.header("X-Forwarded-For"));
    }

    /**
     * Called before every upgrade with the address {@link #resolve} answered; counts the handshake. Throws, in this
     * order: 429 + Retry-After over the handshake rate or the open connections of the address; 403 for a browser
     * {@code Origin} not allowed. Returns when the upgrade may go on.
     */
    public void check(UpgradeRequest request, String remote, String path) throws Refusal {
        LimitExceeded exceeded = limits.addresses().checkHandshake(remote).orElse(null);
        if (exceeded != null) {
            metrics.limitRefused(exceeded.limit().tag());
            ErrorCode code =
                    exceeded.limit() == Limit.HANDSHAKES_PER_IP ? ErrorCode.RATE_LIMITED : ErrorCode.CONNECTION_LIMIT;
            throw refuse(
                    remote,
                    path,
                    exceeded.limit().tag(),
                    new Refusal(
                            429,
                            code.name(),
                            code == ErrorCode.RATE_LIMITED
                                    ? LimitExceeded.RATE_LIMITED_MESSAGE
                                    : "Connection limit reached (per address)",
                            null,
                            exceeded.retryAfterSeconds()));
        }
        if (!limits.origins().isAllowed(request.header("Origin"))) {
            throw refuse(
                    remote,
                    path,
                    "origin",
                    new Refusal(
                            ErrorCode.FORBIDDEN.status(),
                            ErrorCode.FORBIDDEN.name(),
                            "Origin not allowed",
                            null,
                            null));
        }
    }

    /** Logs and counts one handshake refusal; answers it, for the caller to throw. */
    public Refusal refuse(String remote, String path, String reason, Refusal answer) {
        LOG.info(
                "ws_denied stage=handshake remote={} code={} status={} reason={} path={}",
                remote,
                answer.code(),
                answer.status(),
                reason,
                LogText.of(path));
        metrics.handshakeRefused(answer.code());
        return answer;
    }
}
