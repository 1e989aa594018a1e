package dev.zena.realtime.admin;

import io.javalin.http.Context;

/**
 * Refuses a WebSocket handshake with a plain HTTP answer carrying the error body (the HTTP server knows how to
 * write it before the upgrade); returns the exception to throw so that the upgrade stops.
 */
@FunctionalInterface
public interface HandshakeRefusal {

    /** Called by the feed's before-upgrade check when the caller may not open the feed. */
    RuntimeException refuse(Context ctx, AdminRefusal refusal);
}
