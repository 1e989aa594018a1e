package dev.zena.realtime.hub;

import dev.zena.realtime.broker.Position;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The channels of one connection whose subscription is being answered: from the moment such a channel is added
 * (under the hub's channel lock) until {@link Hub#release} runs, its live events wait here instead of being
 * queued, so that the {@code subscription} reply, and the events a recovery replays, come first (SPEC §9: "before
 * any live event of that channel: no gap, no duplicate"). Guarded by its own monitor; a delivery takes it inside
 * the hub's channel lock, a release without it, so the two never wait for each other in opposite orders.
 */
final class Pending {

    /** One live event that waited: its frame, shared with every other receiver, and its place. */
    record Held(SharedText message, long offset, String epoch) {
    }

    private final Map<String, List<Held>> byChannel = new HashMap<>();

    /** Starts holding the live events of {@code channel}. */
    synchronized void hold(String channel) {
        byChannel.putIfAbsent(channel, new ArrayList<>());
    }

    /**
     * Called by a delivery under the channel's lock: keeps the event when the channel is held, or sends it while
     * holding this monitor, so that it cannot overtake events a concurrent release is sending. True when the
     * event was kept or sent.
     */
    synchronized boolean deliver(Connection connection, String channel, SharedText message, long offset,
                                 String epoch) {
        List<Held> held = byChannel.get(channel);
        if (held != null) {
            held.add(new Held(message, offset, epoch));
            return true;
        }
        return connection.send(message, false, null);
    }

    /**
     * Stops holding {@code channel}: sends what waited and comes after {@code from} (an event of another epoch
     * than {@code from}'s is sent too: the caller's reply named {@code from}, the client sees the epoch change).
     */
    synchronized void release(Connection connection, String channel, Position from) {
        List<Held> held = byChannel.remove(channel);
        if (held != null) {
            for (Held event : held) {
                if (!event.epoch().equals(from.epoch()) || event.offset() > from.offset()) {
                    connection.send(event.message(), false, null);
                }
            }
        }
    }

    /** True when nothing is held (the connection may drop this object). */
    synchronized boolean isEmpty() {
        return byChannel.isEmpty();
    }
}
