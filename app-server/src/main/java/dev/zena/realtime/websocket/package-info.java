/**
 * The {@code /ws} protocol of SPEC §3: its handshake guard (draining, the checks of {@code handshake}, the handshake
 * token), the endpoint that counts, rate-limits and orders each connection's frames onto its lane
 * ({@code SerialExecutor} on the worker pool), message handling and subscriptions (through {@code access}, as REST
 * does), and the sweep (authentication deadline, token expiry, heartbeat). It sees its socket only as
 * {@link dev.zena.realtime.websocket.ClientSocket} and a request only as {@code handshake.UpgradeRequest}: it never
 * imports Jetty, Javalin or the servlet API, nor {@code jetty}, {@code http}, {@code rest}, {@code publish},
 * {@code admin} or {@code server}. A second protocol (Pusher, SPEC §12) is its sibling, not its user.
 */
package dev.zena.realtime.websocket;
