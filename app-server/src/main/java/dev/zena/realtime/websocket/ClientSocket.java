package dev.zena.realtime.websocket;

import dev.zena.realtime.hub.Outbound;
import java.time.Clock;
import java.util.function.LongConsumer;

/**
 * One client's socket as the endpoint sees it, implemented by the server that holds the socket (on Jetty:
 * {@code jetty.JettyOutbound}): the hub's sending side, plus what the sweep and the close need. Calls never block.
 */
public interface ClientSocket extends Outbound {

    /** Sends a WebSocket ping (the heartbeat); called by the sweep. */
    void ping();

    /**
     * Bytes read from the socket so far, every frame included (pongs too): the heartbeat's sign of life. -1 when the
     * socket cannot tell. Called by the sweep, on its thread.
     */
    long bytesRead();

    /**
     * Called by the sweep: a close handshake still unfinished after {@code graceMillis} (a peer that stopped reading
     * never reads our close frame) ends with the connection dropped, so its socket and queue are freed.
     */
    void disconnectIfCloseStalled(long nowMillis, long graceMillis);

    /**
     * Called once by the endpoint when the server reported the socket closed, before the hub forgets the connection:
     * from then on the socket is not open, without asking the server (whose lock the sweep and fan-out must not take).
     */
    void markClosed();

    /** Makes the socket's sending side when it opens; implemented by the socket of the server. */
    @FunctionalInterface
    interface Opener {

        /**
         * Called once, when the socket opens: its sender, which holds at most {@code queueLimitBytes} unwritten
         * (over that, the connection closes as a slow consumer and {@code onDropped} is told of each message lost),
         * timed by {@code clock}.
         */
        ClientSocket open(long queueLimitBytes, LongConsumer onDropped, Clock clock);
    }
}
