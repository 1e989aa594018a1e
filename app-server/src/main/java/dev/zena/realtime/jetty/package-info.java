/**
 * Jetty, the only package that imports it: the Jetty under Javalin ({@link dev.zena.realtime.jetty.JettySetup}:
 * thread pool, connector, no HTTP sessions, the WebSocket filters); the {@code /ws} upgrade below Javalin on Jetty's
 * core WebSocket API (ADR 0009); the socket, which hands frames to {@code websocket.WsEndpoint} and sends through
 * {@link dev.zena.realtime.jetty.JettyOutbound} and {@code FrameWriter} (ADR 0012), and reads through {@code WsParser}, which
 * refuses a frame over the message limit by its header (ADR 0027); the guard of HTTP sockets before
 * their upgrade (ADR 0013); the admin feed's socket. It adapts Jetty to our interfaces ({@code websocket.ClientSocket},
 * {@code admin.FeedSocket}) and holds no rule of the product. Of Jetty's internal packages only {@code WsHandshaker},
 * {@code HttpSocketGuard}, {@code WsConnection} and {@code WsParser} may import anything, and of Javalin only {@code JettyConfig} and {@code WsContext} are
 * used (ArchitectureTest).
 */
package dev.zena.realtime.jetty;
