package dev.zena.realtime.console.client;

/** The server answered with an error body ({@code {"error":{"code","status","message","field"}}}). */
public final class AdminApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final String field;

    public AdminApiException(int status, String code, String message, String field) {
        super(message == null || message.isBlank() ? "HTTP " + status : message);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The stable error code, or null when the body had none. */
    public String code() {
        return code;
    }

    /** The offending input's name, or null. */
    public String field() {
        return field;
    }

    /** One line for a status bar: {@code 404 NOT_FOUND: message (field)}. */
    public String describe() {
        return status + (code == null ? "" : " " + code) + ": " + getMessage()
                + (field == null ? "" : " (" + field + ")");
    }
}
