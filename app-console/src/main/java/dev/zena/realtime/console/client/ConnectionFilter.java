package dev.zena.realtime.console.client;

/** Exact-match server-side filters of the connection list; null fields are not sent. */
public record ConnectionFilter(String tenant, String user, String channel) {

    /** No filter: every connection the token may see. */
    public static final ConnectionFilter NONE = new ConnectionFilter(null, null, null);
}
