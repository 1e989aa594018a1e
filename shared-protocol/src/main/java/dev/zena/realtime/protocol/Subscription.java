package dev.zena.realtime.protocol;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The reply to {@code subscribe}: channels granted and denied, each list in request order.
 *
 * <p>{@code positions} (SPEC §9) holds the position of every granted channel and is always written ({@code {}} when
 * empty). {@code recovery} holds the outcome for every granted channel named in the request's {@code since}; it is
 * null, and the field omitted, when the request had no {@code since}. Both maps are written in iteration order.
 */
public record Subscription(
        MessageId id,
        List<String> granted,
        List<Denial> denied,
        Map<String, StreamPosition> positions,
        Map<String, Recovery> recovery,
        Instant timestamp)
        implements ServerMessage {

    /** The wire type name. */
    public static final String TYPE = "subscription";

    /** Copies the lists and maps, keeping the maps' order; {@code id} and {@code recovery} may be null. */
    public Subscription {
        granted = List.copyOf(granted);
        denied = List.copyOf(denied);
        positions = ChannelMap.copyOf(positions, "positions");
        recovery = recovery == null ? null : ChannelMap.copyOf(recovery, "recovery");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    /** A reply that names no position and answers no recovery; it is written with {@code "positions":{}}. */
    public Subscription(MessageId id, List<String> granted, List<Denial> denied, Instant timestamp) {
        this(id, granted, denied, Map.of(), null, timestamp);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
