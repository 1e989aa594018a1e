/**
 * What a Laravel application and its Echo browsers speak (SPEC §12), over the same hub, limits, access and
 * handshake checks as {@code /ws}: the mapping from Laravel channel names to channels ({@code laravel.channels}),
 * the Pusher signatures (HTTP API requests, channel {@code auth} strings), the Pusher HTTP API's rules, the
 * decision of {@code /broadcasting/auth}, the Pusher protocol 7 of {@code /app/{key}} and the listener of
 * Laravel's {@code redis} broadcaster. A sibling of {@code websocket}, whose endpoint machinery it reuses through
 * {@code websocket.SocketProtocol}; like it, it never imports Jetty, Javalin or the servlet API, nor {@code jetty},
 * {@code http}, {@code rest}, {@code publish}, {@code admin} or {@code server}.
 */
package dev.zena.realtime.pusher;
