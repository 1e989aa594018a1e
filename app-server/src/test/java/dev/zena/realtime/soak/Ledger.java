package dev.zena.realtime.soak;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Accounts for every message one connection receives (SPEC §3, §9): per held channel, offsets rise by exactly one
 * and {@code data.seq} (the publisher's own count) equals the offset, unless a {@code resync} of that channel came
 * first; no event arrives for a channel the connection does not hold (a channel it asked to leave may still deliver
 * until the {@code unsubscription} reply, which is queued after them). Violations are collected, not thrown, so that one report lists them all.
 * One instance per connection, used by that connection's thread only; the shared counters are thread-safe.
 */
final class Ledger {

    /** What all connections share: the violations and the number of events checked. */
    record Book(List<String> violations, AtomicLong events, AtomicLong resyncs) {
        Book() {
            this(new CopyOnWriteArrayList<>(), new AtomicLong(), new AtomicLong());
        }

        Ledger open(String who) {
            return new Ledger(this, who);
        }
    }

    private static final class Position {
        long offset; // the last offset seen, or the one the subscription reply told
        boolean isContiguous; // the next event must be offset + 1 (else: anything after offset)
        boolean isResynced;

        Position(long offset, boolean isContiguous) {
            this.offset = offset;
            this.isContiguous = isContiguous;
        }
    }

    private final Book book;
    private final String who;
    private final Map<String, Position> held = new HashMap<>();

    private Ledger(Book book, String who) {
        this.book = book;
        this.who = who;
    }

    /** Called before a {@code subscribe} of {@code channel} is sent: an event may precede the reply. */
    void asking(String channel) {
        held.putIfAbsent(channel, new Position(-1, false));
    }

    /** Called when the subscription of {@code channel} was denied. */
    void denied(String channel) {
        held.remove(channel);
    }

    /**
     * Called when {@code channel} was granted with the reply's {@code position}: the first event must come after
     * it, and must be exactly the next one when {@code isExact} (nothing can have been published meanwhile).
     */
    void granted(String channel, long position, boolean isExact) {
        Position early = held.get(channel);
        if (early == null || early.offset < 0) {
            held.put(channel, new Position(position, isExact));
        }
    }

    /** Checks one server message; returns it for chaining. */
    JsonNode accept(JsonNode message) {
        switch (message.path("type").asText()) {
            case "event" -> event(message);
            case "resync" -> {
                book.resyncs().incrementAndGet();
                Position position = held.get(message.path("channel").asText());
                if (position != null) {
                    position.isResynced = true;
                }
            }
            case "unsubscription" -> message.path("channels").forEach(c -> held.remove(c.asText()));
            default -> {}
        }
        return message;
    }

    /** The last offset seen on {@code channel}, or -1. */
    long offset(String channel) {
        Position position = held.get(channel);
        return position == null ? -1 : position.offset;
    }

    boolean holds(String channel) {
        return held.containsKey(channel);
    }

    /** Records a violation found outside the message stream (a wrong close code, a refused request). */
    void violation(String what) {
        book.violations().add(who + ": " + what);
    }

    private void event(JsonNode event) {
        book.events().incrementAndGet();
        String channel = event.path("channel").asText();
        Position position = held.get(channel);
        if (position == null) {
            violation("an event of " + channel + ", a channel it does not hold: " + event);
            return;
        }
        long offset = event.path("offset").asLong();
        long seq = event.path("data").path("seq").asLong(-1);
        if (seq != offset) {
            violation(channel + " offset " + offset + " carries seq " + seq);
        }
        boolean isInOrder = position.isContiguous ? offset == position.offset + 1 : offset > position.offset;
        if (!isInOrder && !position.isResynced) {
            violation(channel + " offset " + offset + " after " + position.offset + " with no resync");
        }
        position.offset = offset;
        position.isContiguous = true;
        position.isResynced = false;
    }
}
