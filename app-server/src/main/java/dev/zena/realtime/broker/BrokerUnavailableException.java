package dev.zena.realtime.broker;

/**
 * The broker's backing store (Redis) cannot be reached, or did not answer within the command timeout: the call
 * changed nothing it could confirm. Callers answer 503 {@code BROKER_UNAVAILABLE} with {@code Retry-After}
 * (SPEC §11 item 5) instead of going on.
 */
public final class BrokerUnavailableException extends RuntimeException {

    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
