package dev.zena.realtime.bench.client;

/**
 * Told what happens on one {@link Link}. With the NIO client every call comes from that link's selector thread;
 * with the Jetty client from Jetty's pool, one call at a time per link.
 */
public interface LinkListener {

    /** The upgrade succeeded. */
    void opened(Link link);

    /** A complete text message arrived. */
    void text(Link link, String text);

    /** The connection failed or closed; {@code code} is the close code, or -1 when there was none. */
    void closed(Link link, int code, String reason);
}
