package dev.zena.realtime.handshake;

import java.util.Map;

/**
 * A refused WebSocket handshake: the plain HTTP answer (status, SPEC §6 error body, {@code Retry-After}, any header
 * the answer must name, such as the 426's {@code Sec-WebSocket-Version}), thrown by the checks of this package and of
 * each endpoint once it is logged and counted, and written in one place by whoever serves the upgrade.
 */
public final class Refusal extends RuntimeException {

    private final int status;
    private final String code;
    private final String field;
    private final Long retryAfterSeconds;
    private final Map<String, String> headers;

    /** A refusal with a status, a stable code, a public message and (nullable) the offending input and retry delay. */
    public Refusal(int status, String code, String message, String field, Long retryAfterSeconds) {
        this(status, code, message, field, retryAfterSeconds, Map.of());
    }

    /** As above, with headers the answer must carry. */
    public Refusal(
            int status,
            String code,
            String message,
            String field,
            Long retryAfterSeconds,
            Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
        this.retryAfterSeconds = retryAfterSeconds;
        this.headers = Map.copyOf(headers);
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

    /** Headers the answer carries besides {@code Retry-After}. */
    public Map<String, String> headers() {
        return headers;
    }
}
