package dev.zena.realtime.bench.client;

/** One client WebSocket connection as the load scenarios see it, whatever client library carries it. */
public interface Link {

    /** Sends one text frame; may be called from any thread; never blocks. */
    void send(String text);

    /** Closes the connection (normal closure); later sends are dropped. */
    void close();
}
