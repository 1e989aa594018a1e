package dev.zena.realtime.websocket;

import dev.zena.realtime.auth.Principal;
import dev.zena.realtime.handshake.UpgradeRequest;
import dev.zena.realtime.hub.Connection;
import dev.zena.realtime.hub.Outbound;
import java.time.Duration;

/**
 * What a WebSocket protocol adds to {@link WsEndpoint}'s machinery (the connection, its lane, its message rates,
 * the read pause, the sweep): how its connections are named and greeted, how it answers a message, a refused one
 * and one too large, and how its heartbeat works. Implemented by {@link WsProtocol} ({@code /ws}, SPEC §3) and by
 * {@code pusher.PusherProtocol} ({@code /app/{key}}, SPEC §12). Every call for one connection but
 * {@link #outbound} runs on its lane, in order.
 */
public interface SocketProtocol {

    /** The protocol's name as the admin API shows it ({@code Connection.ZENA}, {@code Connection.PUSHER}). */
    String name();

    /** Called when a socket opens: the id of its connection, unique on every node. */
    String newConnectionId();

    /**
     * Called when a socket opens, before its connection ({@code connectionId}) exists: what the hub and the rest
     * of the server send through. By default the socket itself; a protocol with its own wire form wraps it.
     */
    default Outbound outbound(String connectionId, ClientSocket socket) {
        return socket;
    }

    /**
     * Called on an HTTP thread before the upgrade, once the handshake checks passed: 0 to open the socket, or the
     * close code the socket is closed with right after it opens (through {@link #refusedAtOpen}); a protocol whose
     * clients expect a close code rather than an HTTP status for what the request names answers it here.
     */
    default int closeAtOpen(UpgradeRequest request) {
        return 0;
    }

    /** Called instead of {@link #opened} for a socket {@link #closeAtOpen} refused: tells the client and closes. */
    default void refusedAtOpen(Connection connection, int closeCode) {
        connection.close(closeCode, "refused");
    }

    /** Called once the connection is registered: greets the client and accepts a handshake token (may be null). */
    void opened(Connection connection, Principal handshakePrincipal);

    /** Called once when the connection closed, after the hub forgot it. */
    default void closed(Connection connection) {}

    /** Called for each inbound message within the limits; {@code text} null for a binary message. */
    void handle(Connection connection, String text);

    /** Called for a message a rate limit refused with a reply ({@code text} null for a binary one). */
    void rateLimited(Connection connection, String text);

    /** Called at the message that went over {@code limitBytes}: answers it and closes the connection. */
    void tooLarge(Connection connection, int limitBytes);

    /** The protocol's heartbeat and deadlines, read by the sweep. */
    Heartbeat heartbeat();

    /**
     * How the sweep keeps a connection alive: the authentication deadline applies or not, a ping after
     * {@code interval} of quiet and a close after {@code timeout} of quiet; {@code ping} sends the ping.
     */
    record Heartbeat(boolean hasAuthDeadline, Duration interval, Duration timeout, PingSender ping) {}

    /** Sends a heartbeat ping on a socket; called by the sweep, on its thread. */
    @FunctionalInterface
    interface PingSender {

        /** Sends one ping. */
        void send(ClientSocket socket);
    }
}
