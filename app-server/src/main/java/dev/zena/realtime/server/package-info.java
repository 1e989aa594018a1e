/**
 * The running server: {@link dev.zena.realtime.server.Server} wires store, auth, access, hub, broker, live
 * revocation and transport, and owns their threads.
 */
package dev.zena.realtime.server;
