package dev.zena.realtime.http;

import dev.zena.realtime.protocol.ErrorCode;

/**
 * A refusal of an HTTP request, thrown by a route or a guard and rendered in ONE place ({@link HttpErrors}) as
 * {@code {"error":{"code","status","message","field"}}}. Also used before a WebSocket upgrade.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final String field;
    private final Long retryAfterSeconds;

    /** A refusal with a status, a stable code, a public message and (nullable) the offending input. */
    public ApiException(int status, String code, String message, String field, Long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** A refusal that maps a protocol error code to its status. */
    public static ApiException of(ErrorCode code, String message) {
        return new ApiException(code.status(), code.name(), message, null, null);
    }

    /** A 400 naming the bad input. */
    public static ApiException badInput(String field, String message) {
        return new ApiException(400, ErrorCode.INVALID_MESSAGE.name(), message, field, null);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The offending input, or null. */
    public String field() {
        return field;
    }

    /** Seconds for a {@code Retry-After} header, or null. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
