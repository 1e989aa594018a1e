package dev.zena.realtime.protocol;

import java.util.List;
import java.util.Map;

/**
 * {@code {"type":"subscribe","channels":[…]}} (or the one-channel alias {@code "channel":"…"}): adds channels to the
 * connection. Holds 1 to {@value ClientMessage#MAX_CHANNELS} names in request order, not validated against patterns.
 *
 * <p>{@code since} (SPEC §9) maps channel names to the positions the client last saw, in wire order, at most
 * {@value ClientMessage#MAX_CHANNELS} of them; empty when the client sent none. A key that is not among
 * {@code channels} is kept here, but the server ignores it: {@code subscription.recovery} answers only for granted
 * channels named both in {@code channels} and in {@code since}. {@code presenceEvents} (SPEC §10,
 * {@code "presence_events":true}) asks for {@code presence_event} messages on the granted channels.
 */
public record Subscribe(MessageId id, List<String> channels, Map<String, StreamPosition> since, boolean presenceEvents)
        implements ClientMessage {

    /** The wire type name. */
    public static final String TYPE = "subscribe";

    /** Copies the list and the map and checks their sizes; a null {@code since} means none. */
    public Subscribe {
        channels = ChannelList.copyOf(channels);
        since = ChannelMap.copyOf(since == null ? Map.of() : since, "since");
        if (since.size() > MAX_CHANNELS) {
            throw new IllegalArgumentException("since may hold at most " + MAX_CHANNELS + " channels");
        }
    }

    /** A plain subscribe: no recovery, no presence events. */
    public Subscribe(MessageId id, List<String> channels) {
        this(id, channels, Map.of(), false);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
