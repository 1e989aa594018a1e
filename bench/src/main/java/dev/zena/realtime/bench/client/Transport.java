package dev.zena.realtime.bench.client;

import java.net.InetSocketAddress;

/** A WebSocket client able to hold many connections; one instance per generator process. */
public interface Transport extends AutoCloseable {

    /**
     * Starts opening a connection to {@code target} at {@code pathAndQuery}; returns at once, the listener is told
     * the outcome. {@code source} is the local address to bind (null = any), to spread ports over 127.0.0.x.
     */
    void connect(InetSocketAddress target, InetSocketAddress source, String pathAndQuery, LinkListener listener);

    /** A short name for reports ("nio", "jetty"). */
    String name();

    @Override
    void close();
}
