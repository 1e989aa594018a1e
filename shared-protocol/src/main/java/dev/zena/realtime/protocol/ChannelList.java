package dev.zena.realtime.protocol;

import java.util.List;
import java.util.Objects;

/** Checks the channel list of subscribe/unsubscribe when the record is built, so one can never be sent out of range. */
final class ChannelList {

    private ChannelList() {}

    static List<String> copyOf(List<String> channels) {
        List<String> copy = List.copyOf(Objects.requireNonNull(channels, "channels"));
        if (copy.isEmpty() || copy.size() > ClientMessage.MAX_CHANNELS) {
            throw new IllegalArgumentException("channels must hold 1 to " + ClientMessage.MAX_CHANNELS + " names");
        }
        return copy;
    }
}
