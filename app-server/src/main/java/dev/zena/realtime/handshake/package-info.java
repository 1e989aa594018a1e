/**
 * The checks every WebSocket handshake passes before any socket exists, whatever its endpoint ({@code /ws}, the admin
 * feed, a later protocol): handshakes and open connections per client address and the browser {@code Origin}
 * ({@link dev.zena.realtime.handshake.AddressGuard}), RFC 6455's key and version
 * ({@link dev.zena.realtime.handshake.UpgradeHeaders}). They read plain values
 * ({@link dev.zena.realtime.handshake.UpgradeRequest}) and throw one typed denial
 * ({@link dev.zena.realtime.handshake.Refusal}), logged and counted here and written as HTTP by whoever serves the
 * upgrade. Never imports Jetty, Javalin or the servlet API, nor any endpoint's package.
 */
package dev.zena.realtime.handshake;
