package dev.zena.realtime.protocol;

/**
 * {@code {"type":"authenticate","token":…}}: the client presents a token. {@code token} is null when the field was
 * missing, JSON null or empty, which the server answers with {@link ErrorCode#AUTH_REQUIRED}.
 */
public record Authenticate(MessageId id, String token) implements ClientMessage {

    /** The wire type name. */
    public static final String TYPE = "authenticate";

    /** Normalises an empty token to null, so "no token" has one representation. */
    public Authenticate {
        if (token != null && token.isEmpty()) {
            token = null;
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** Used by log lines: never prints the token. */
    @Override
    public String toString() {
        return "Authenticate[id=" + id + ", token=" + (token == null ? "none" : "***") + "]";
    }
}
