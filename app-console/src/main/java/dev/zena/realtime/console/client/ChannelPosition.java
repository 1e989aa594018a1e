package dev.zena.realtime.console.client;

import java.util.Objects;

/**
 * Where a channel's stream stands (SPEC §9): the {@code offset} of its last event (0 before any) within its
 * {@code epoch}, an opaque string that changes only when the channel's history was lost.
 */
public record ChannelPosition(long offset, String epoch) {

    public ChannelPosition {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
        Objects.requireNonNull(epoch, "epoch");
    }

    /** True when {@code next} is a later point of the same stream, or a stream whose history began again. */
    public boolean isBefore(ChannelPosition next) {
        return !epoch.equals(next.epoch()) || offset < next.offset();
    }
}
