package dev.zena.realtime.broker;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One channel's position and recent events in a {@link MemoryBroker}: at most {@code size} events, each for at
 * most {@code ttl}. Guarded by its own monitor; appends come one at a time per channel (under the hub's channel
 * lock, see {@link Broker.LocalDelivery}), reads from any thread.
 */
final class ChannelLog {

    private final String epoch;
    private final int size;
    private final Duration ttl;
    private final ArrayDeque<Publication> events = new ArrayDeque<>();
    private long offset;
    private Instant lastUsed;
    /** Set once the broker forgot this channel: a caller holding this log must look the channel up again. */
    private boolean isForgotten;

    ChannelLog(String epoch, int size, Duration ttl, Instant now) {
        this.epoch = epoch;
        this.size = size;
        this.ttl = ttl;
        this.lastUsed = now;
    }

    /** Stamps the next event of the channel and keeps it; null when this log was forgotten meanwhile. */
    synchronized Publication append(Envelope envelope, Instant now) {
        if (isForgotten) {
            return null;
        }
        Publication publication = new Publication(envelope, ++offset, epoch, now);
        if (size > 0) {
            events.addLast(publication);
            if (events.size() > size) {
                events.removeFirst();
            }
        }
        lastUsed = now;
        return publication;
    }

    /** The channel's position; null when this log was forgotten meanwhile. */
    synchronized Position position(Instant now) {
        if (isForgotten) {
            return null;
        }
        lastUsed = now;
        return new Position(offset, epoch);
    }

    /** The kept events after an offset; null when this log was forgotten meanwhile. */
    synchronized History after(long after, int limit, Instant now) {
        if (isForgotten) {
            return null;
        }
        dropExpired(now);
        lastUsed = now;
        List<Publication> found = new ArrayList<>(Math.min(limit, events.size()));
        for (Iterator<Publication> it = events.iterator(); it.hasNext() && found.size() < limit; ) {
            Publication publication = it.next();
            if (publication.offset() > after) {
                found.add(publication);
            }
        }
        long firstKept = events.isEmpty() ? offset + 1 : events.peekFirst().offset();
        return new History(new Position(offset, epoch), found, firstKept);
    }

    /**
     * Drops expired events; when none is left and the channel was not used for {@code idle}, marks this log
     * forgotten and answers true (the broker then removes it; later calls on it answer null).
     */
    synchronized boolean forgetIfIdle(Instant now, Duration idle) {
        dropExpired(now);
        isForgotten = events.isEmpty() && !lastUsed.plus(idle).isAfter(now);
        return isForgotten;
    }

    synchronized int kept() {
        return events.size();
    }

    private void dropExpired(Instant now) {
        Instant oldest = now.minus(ttl);
        while (!events.isEmpty() && events.peekFirst().timestamp().isBefore(oldest)) {
            events.removeFirst();
        }
    }
}
