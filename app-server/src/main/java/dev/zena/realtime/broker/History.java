package dev.zena.realtime.broker;

import java.util.List;

/**
 * What a broker keeps of a channel after some offset: the channel's current {@code position}, the kept
 * {@code events} after the asked offset (oldest first, at most the asked limit) and {@code firstKept}, the offset
 * of the oldest event still kept ({@code position.offset() + 1} when none is), so that a caller can tell whether
 * everything after an offset is still there.
 */
public record History(Position position, List<Publication> events, long firstKept) {

    public History {
        events = List.copyOf(events);
    }

    /** True when every event after {@code offset} (of this epoch) is still kept. */
    public boolean keepsEverythingAfter(long offset) {
        return offset + 1 >= firstKept;
    }
}
