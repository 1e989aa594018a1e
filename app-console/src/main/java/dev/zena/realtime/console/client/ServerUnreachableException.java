package dev.zena.realtime.console.client;

/** The server could not be reached (connection refused, timeout, reset). */
public final class ServerUnreachableException extends RuntimeException {

    public ServerUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
