package dev.zena.realtime.transport;

import dev.zena.realtime.hub.Connection;

/** What the endpoint keeps per socket: the hub's connection, its Jetty sender and its serial executor. */
record WsLink(Connection connection, JettyOutbound outbound, SerialExecutor serial, Liveness liveness) {

    WsLink(Connection connection, JettyOutbound outbound, SerialExecutor serial) {
        this(connection, outbound, serial, new Liveness());
    }

    /** Heartbeat bookkeeping, touched only by the sweeper thread. */
    static final class Liveness {
        long lastBytesRead = -1;
        long lastPingMillis;
    }
}
