package dev.zena.realtime.store;

/** A storage failure (I/O, constraint, corrupt database). Unchecked: callers rarely can do more than report it. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
