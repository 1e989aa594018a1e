package dev.zena.realtime.protocol;

/** {@code {"type":"ping"}}: an application-level liveness check, answered with {@link Pong}. */
public record Ping(MessageId id) implements ClientMessage {

    /** The wire type name. */
    public static final String TYPE = "ping";

    @Override
    public String type() {
        return TYPE;
    }
}
