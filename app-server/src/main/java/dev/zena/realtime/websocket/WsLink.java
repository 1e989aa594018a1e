package dev.zena.realtime.websocket;

import dev.zena.realtime.hub.Connection;
import dev.zena.realtime.limits.InboundRate;

/**
 * What the endpoint keeps per socket: the hub's connection, its socket, its serial executor, its message rates, and
 * the sweeper's bookkeeping.
 * The server's socket holds it and hands it back with each call to the endpoint; nothing of it is public.
 */
public final class WsLink {

    private final Connection connection;
    private final ClientSocket socket;
    private final SerialExecutor serial;
    private final InboundRate rate;
    private final int stripe;
    private final Liveness liveness = new Liveness();
    private final Deadlines.Scheduled scheduled = new Deadlines.Scheduled();

    WsLink(Connection connection, ClientSocket socket, SerialExecutor serial, InboundRate rate, int stripe) {
        this.connection = connection;
        this.socket = socket;
        this.serial = serial;
        this.rate = rate;
        this.stripe = stripe;
    }

    /** The connection's id, for the log lines of the server's socket. */
    public String connectionId() {
        return connection.id();
    }

    Connection connection() {
        return connection;
    }

    ClientSocket socket() {
        return socket;
    }

    SerialExecutor serial() {
        return serial;
    }

    InboundRate rate() {
        return rate;
    }

    Liveness liveness() {
        return liveness;
    }

    /** Which of the endpoint's stripes holds it (see {@link WsEndpoint#sweep}). */
    int stripe() {
        return stripe;
    }

    Deadlines.Scheduled scheduled() {
        return scheduled;
    }

    /** Heartbeat bookkeeping, touched only by the sweeper thread. */
    static final class Liveness {
        long lastBytesRead = -1;
        long lastPingMillis;
    }
}
