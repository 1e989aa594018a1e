package dev.zena.realtime.protocol;

import java.util.List;

/**
 * {@code {"type":"unsubscribe","channels":[…]}} (or {@code "channel":"…"}): removes channels from the connection;
 * same list rules as {@link Subscribe}.
 */
public record Unsubscribe(MessageId id, List<String> channels) implements ClientMessage {

    /** The wire type name. */
    public static final String TYPE = "unsubscribe";

    /** Copies the list and checks its size. */
    public Unsubscribe {
        channels = ChannelList.copyOf(channels);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
