package dev.zena.realtime.protocol;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The reply to {@code subscribe}: channels granted and denied, each list in request order. */
public record Subscription(MessageId id, List<String> granted, List<Denial> denied, Instant timestamp)
        implements ServerMessage {

    /** The wire type name. */
    public static final String TYPE = "subscription";

    /** Copies the lists; {@code id} may be null. */
    public Subscription {
        granted = List.copyOf(granted);
        denied = List.copyOf(denied);
        Objects.requireNonNull(timestamp, "timestamp");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
