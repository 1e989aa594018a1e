package dev.zena.realtime.protocol;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Channels removed from a connection: the reply to {@code unsubscribe} ({@code reason} null), or sent unasked when
 * the server ends subscriptions because access was lost ({@code reason} set, {@code id} null).
 */
public record Unsubscription(
        MessageId id, List<String> channels, List<String> remainingChannels, Reason reason, Instant timestamp)
        implements ServerMessage {

    /** The wire type name. */
    public static final String TYPE = "unsubscription";

    /** Copies the lists; {@code id} and {@code reason} may be null. */
    public Unsubscription {
        channels = List.copyOf(channels);
        remainingChannels = List.copyOf(remainingChannels);
        Objects.requireNonNull(timestamp, "timestamp");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
