package dev.zena.realtime.admin;

import io.javalin.websocket.WsConnectContext;

/**
 * The socket of one admin feed, as the feed uses it: Javalin routes the feed and reports its life, and this does the
 * sending, whose completion Javalin's own API does not report (the feed counts its unwritten bytes). Implemented on
 * Jetty's WebSocket API by {@code jetty.JettyFeedSocket}. Calls never block.
 */
public interface FeedSocket {

    /** Hands {@code text} to the socket; {@code done} runs once it was written, or will never be. */
    void send(String text, Runnable done);

    /** Starts the closing handshake with a close code and reason. */
    void close(int code, String reason);

    /** Drops the connection without a closing handshake. */
    void disconnect();

    /** Opens the socket side of a feed. */
    @FunctionalInterface
    interface Opener {

        /** Called when a feed's socket opens, on the thread that opened it. */
        FeedSocket open(WsConnectContext ctx);
    }
}
