/**
 * The running server: {@link dev.zena.realtime.server.Wiring}, the composition root, builds every part top to
 * bottom, each with exactly what it uses; {@link dev.zena.realtime.server.Server} owns their threads, drives live
 * revocation (package {@code revocation}) from its ticker, and drains. The only package that knows every other one.
 */
package dev.zena.realtime.server;
