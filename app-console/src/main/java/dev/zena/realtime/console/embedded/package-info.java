/**
 * The embedded mode: a server started in-process on 127.0.0.1 with a demo store under {@code ~/.zena-console}.
 * {@link dev.zena.realtime.console.embedded.EmbeddedServer} is the console's only class that touches app-server;
 * everything else reaches the server through the admin API, like a remote one.
 */
package dev.zena.realtime.console.embedded;
