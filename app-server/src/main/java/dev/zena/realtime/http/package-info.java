/**
 * The HTTP side on Javalin: {@link dev.zena.realtime.http.HttpServer}, handed built
 * {@link dev.zena.realtime.http.RouteGroup}s and a Jetty setup by the wiring; the one place where refusals become the
 * SPEC §6 error body ({@link dev.zena.realtime.http.HttpErrors}, and {@link dev.zena.realtime.http.UpgradeRefusal}
 * for refused handshakes); REST authentication; health and the draining flag; the metrics routes; the admin API's
 * mount and its feed's handshake; the debug page. Never imports Jetty, nor {@code jetty}, {@code websocket}, {@code rest},
 * {@code publish} or {@code server}: they plug into it, not it into them.
 */
package dev.zena.realtime.http;
