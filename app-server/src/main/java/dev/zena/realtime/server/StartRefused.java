package dev.zena.realtime.server;

/**
 * A server that must not start as configured (SPEC §11: a cluster node on a SQLite store, or whose JWT key or
 * store differs from the cluster's, or that cannot reach its Redis): the message says why and what to change.
 */
public final class StartRefused extends RuntimeException {

    StartRefused(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
