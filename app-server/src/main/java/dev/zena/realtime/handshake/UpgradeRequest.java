package dev.zena.realtime.handshake;

/**
 * What the handshake checks read of an upgrade request, made by whichever server hands the request in (a servlet
 * filter below Javalin, a Javalin before-upgrade handler). Values are read when a check needs them, in the order of
 * the checks, so a request refused early is never parsed further (its query string, for one).
 */
public interface UpgradeRequest {

    /** The request path, for the log line of a refusal. */
    String path();

    /** The socket peer's address as text (before trusted-proxy resolution). */
    String peerAddress();

    /** A request header, or null when absent. */
    String header(String name);

    /** A query parameter, or null when absent. */
    String queryParam(String name);
}
