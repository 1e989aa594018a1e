package dev.zena.realtime.websocket;

import dev.zena.realtime.auth.AuthFailure;
import dev.zena.realtime.auth.Principal;
import dev.zena.realtime.config.ServerConfig;
import dev.zena.realtime.hub.Connection;
import dev.zena.realtime.protocol.CloseCode;

/**
 * One periodic pass over one connection: deadline, expiry and heartbeat; and a close handshake the peer leaves
 * unanswered for a heartbeat timeout ends with the TCP connection dropped. Runs on the sweeper thread.
 */
final class Sweep {

    /** The 4003 reason when the token's {@code exp} is reached (no leeway here, unlike the handshake). */
    static final String TOKEN_EXPIRED = AuthFailure.EXPIRED.revocation().reason();

    private final ServerConfig config;
    private final SocketProtocol.Heartbeat heartbeat;
    private final WsLink link;
    private final long now;

    Sweep(ServerConfig config, SocketProtocol.Heartbeat heartbeat, WsLink link, long now) {
        this.config = config;
        this.heartbeat = heartbeat;
        this.link = link;
        this.now = now;
    }

    void run() {
        Connection connection = link.connection();
        if (!connection.isOpen()) {
            link.socket()
                    .disconnectIfCloseStalled(now, config.heartbeat().timeout().toMillis());
            return;
        }
        Principal principal = connection.principal();
        if (principal == null
                && heartbeat.hasAuthDeadline()
                && now - connection.connectedAt().toEpochMilli()
                        >= config.authDeadline().toMillis()) {
            connection.close(CloseCode.AUTH_TIMEOUT.code(), CloseCode.AUTH_TIMEOUT.reason());
            return;
        }
        if (principal != null && now >= principal.expiresAt().toEpochMilli()) {
            connection.close(CloseCode.ACCESS_REVOKED.code(), TOKEN_EXPIRED);
            return;
        }
        heartbeat(connection);
    }

    private void heartbeat(Connection connection) {
        WsLink.Liveness liveness = link.liveness();
        long read = link.socket().bytesRead();
        if (read != liveness.lastBytesRead) {
            liveness.lastBytesRead = read;
            connection.recordActivity(now);
        }
        if (now - connection.lastActivityMillis() >= heartbeat.timeout().toMillis()) {
            connection.close(CloseCode.HEARTBEAT_TIMEOUT.code(), CloseCode.HEARTBEAT_TIMEOUT.reason());
            return;
        }
        // The first ping one interval after connecting, not at the first sweep: a new socket has just spoken.
        long lastPing = liveness.lastPingMillis != 0
                ? liveness.lastPingMillis
                : connection.connectedAt().toEpochMilli();
        if (now - lastPing >= heartbeat.interval().toMillis()) {
            liveness.lastPingMillis = now;
            heartbeat.ping().send(link.socket());
        }
    }
}
