package dev.zena.realtime.admin;

import io.javalin.http.Context;

/**
 * The checks of SPEC §5 that every WebSocket handshake of the server passes, whatever its endpoint: handshakes and
 * open connections per client address, and the browser {@code Origin} rule. Implemented by the HTTP server
 * ({@code http.FeedHandshake}) with the same checks as for {@code /ws}; it writes the refusal itself.
 */
@FunctionalInterface
public interface AddressCheck {

    /**
     * Called first before every upgrade of the feed, on an HTTP thread; counts the handshake. Answers the client
     * address (after trusted-proxy resolution), or throws, the refusal written, to stop the upgrade.
     */
    String admit(Context ctx);
}
