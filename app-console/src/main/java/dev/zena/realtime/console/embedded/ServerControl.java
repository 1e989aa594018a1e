package dev.zena.realtime.console.embedded;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Start and stop of a server the console owns. {@link #start} and {@link #stop} block (they bind sockets, open
 * the store): call them off the FX thread. The other methods are cheap and thread-safe.
 */
public interface ServerControl {

    /** True between a successful {@link #start} and the next {@link #stop}. */
    boolean isRunning();

    /** Called to attach a client: {@code http://127.0.0.1:port}, the last bound one while stopped. */
    URI address();

    /** When the running server started, or null while stopped. */
    Instant startedAt();

    /** Where the store lives (for the Server view). */
    Path storeLocation();

    /** Starts the server (same port as before when it was started once); no-op when running. */
    void start();

    /** Stops the server and closes its store; no-op when stopped. */
    void stop();

    /** The console's own admin token (admin.global), renewed before it expires; never shown. */
    String adminToken();
}
