/**
 * The running server: {@link dev.zena.realtime.server.Server} wires store, auth, access, hub, broker and
 * transport, owns their threads, and applies store changes to live connections (live revocation).
 */
package dev.zena.realtime.server;
