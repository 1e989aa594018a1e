/**
 * The {@code /ws} protocol of SPEC §3: the endpoint, message handling, subscriptions, the periodic sweep and each
 * connection's lane.
 */
package dev.zena.realtime.websocket;
