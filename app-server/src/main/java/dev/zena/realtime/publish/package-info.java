/**
 * The server-to-server API of SPEC §6 ({@code POST /api/v1/broadcast}, {@code POST /api/v1/sync}) and its
 * authentication: the key, timestamp and HMAC-SHA256 signature of a request, and the memory of signatures already
 * seen that refuses replays ({@link dev.zena.realtime.publish.ReplayGuard}: in this process, or in the cluster's
 * Redis so that a replay to another node is refused too, ADR 0019). Only {@link dev.zena.realtime.publish.PublishApi} knows Javalin; the signature check
 * ({@link dev.zena.realtime.publish.SignatureVerifier}) is handed headers and the raw body and knows no web framework.
 * Never imports Jetty, {@code websocket} or {@code server}.
 */
package dev.zena.realtime.publish;
