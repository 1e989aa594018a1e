package dev.zena.realtime.protocol;

import java.util.List;

/**
 * {@code {"type":"subscribe","channels":[…]}} (or the one-channel alias {@code "channel":"…"}): adds channels to the
 * connection. Holds 1 to {@value ClientMessage#MAX_CHANNELS} names in request order, not validated against patterns.
 */
public record Subscribe(MessageId id, List<String> channels) implements ClientMessage {

    /** The wire type name. */
    public static final String TYPE = "subscribe";

    /** Copies the list and checks its size. */
    public Subscribe {
        channels = ChannelList.copyOf(channels);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
