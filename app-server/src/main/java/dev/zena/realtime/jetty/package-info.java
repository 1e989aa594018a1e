/**
 * Jetty below Javalin: the {@code /ws} upgrade on Jetty's core WebSocket API, its socket, frame writer and sender,
 * and the guards of the HTTP sockets before their upgrade.
 */
package dev.zena.realtime.jetty;
