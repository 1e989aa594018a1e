/**
 * The console's only way to a server: the admin HTTP API, its live feed and a real {@code /ws} client, all off the
 * FX thread and returning {@link java.util.concurrent.CompletableFuture}s. The same code whether the server is
 * embedded or remote. Knows nothing of JavaFX. Addresses pass through {@link
 * dev.zena.realtime.console.client.ServerAddress} (never with {@code user:pass@}); a client for plain http to another
 * host exists only with the user's consent ({@link dev.zena.realtime.console.client.TokenTransport}).
 */
package dev.zena.realtime.console.client;
