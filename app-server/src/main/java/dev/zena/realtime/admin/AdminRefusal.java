package dev.zena.realtime.admin;

import dev.zena.realtime.protocol.ErrorCode;

/**
 * A refusal of an admin request: status, stable code, public message, (nullable) the offending input and (nullable)
 * the seconds of a {@code Retry-After}. Thrown by the routes and turned into the SPEC §6 error body by the
 * HTTP server's one error mapper.
 */
public final class AdminRefusal extends RuntimeException {

    private final int status;
    private final String code;
    private final String field;
    private final Long retryAfterSeconds;

    /** A refusal without {@code Retry-After}. */
    public AdminRefusal(int status, String code, String message, String field) {
        this(status, code, message, field, null);
    }

    /** A refusal with every part given. */
    public AdminRefusal(int status, String code, String message, String field, Long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static AdminRefusal badInput(String field, String message) {
        return new AdminRefusal(400, ErrorCode.INVALID_MESSAGE.name(), message, field);
    }

    static AdminRefusal notFound(String field, String message) {
        return new AdminRefusal(404, ErrorCode.NOT_FOUND.name(), message, field);
    }

    static AdminRefusal forbidden(String message) {
        return new AdminRefusal(403, ErrorCode.FORBIDDEN.name(), message, null);
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
