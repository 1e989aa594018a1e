package dev.zena.realtime.websocket;

import dev.zena.realtime.hub.Connection;
import dev.zena.realtime.jetty.JettyOutbound;
import dev.zena.realtime.limits.InboundRate;

/**
 * What the endpoint keeps per socket: the hub's connection, its Jetty sender, its serial executor and its
 * message rates.
 */
public record WsLink(Connection connection, JettyOutbound outbound, SerialExecutor serial, InboundRate rate,
              Liveness liveness) {

    WsLink(Connection connection, JettyOutbound outbound, SerialExecutor serial, InboundRate rate) {
        this(connection, outbound, serial, rate, new Liveness());
    }

    /** Heartbeat bookkeeping, touched only by the sweeper thread. */
    static final class Liveness {
        long lastBytesRead = -1;
        long lastPingMillis;
    }
}
