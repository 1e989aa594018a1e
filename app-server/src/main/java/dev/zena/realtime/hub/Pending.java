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
 * any live event of that channel: no gap, no duplicate").
 *
 * <p>A release names the position the reply (or the last replayed event) stood at. An event at or before it can
 * still be on its way to this node's delivery when the release runs — it was already in the history or position
 * the caller read (a Redis feed lags the stream it reads from) — so the channel is then marked: such a late event
 * is dropped for this connection instead of being sent twice, and the mark goes with the first event that
 * reaches the position.
 *
 * <p>Guarded by its own monitor, taken inside the hub's channel lock by a delivery and a release alike (and alone
 * when a channel is left), so no two of them wait for each other in opposite orders. An object with nothing held and nothing marked is retired:
 * the connection drops it, and a later {@link #hold} on it answers false so that the caller makes a new one.
 */
final class Pending {

    /**
     * One live event that waited: its frame, shared with every other receiver, and its place ({@code epoch} null:
     * a presence message, which has none).
     */
    record Held(SharedText message, long offset, String epoch) {}

    private final Map<String, List<Held>> held = new HashMap<>();
    /** Released channels whose delivery had not reached the released position yet: events up to it are dropped. */
    private final Map<String, Position> dropThrough = new HashMap<>();

    private boolean retired;

    /** Starts holding the live events of {@code channel}; false when this object was retired. */
    synchronized boolean hold(String channel) {
        if (retired) {
            return false;
        }
        dropThrough.remove(channel);
        held.putIfAbsent(channel, new ArrayList<>());
        return true;
    }

    /**
     * Called by a delivery under the channel's lock: keeps the event when the channel is held, drops it when the
     * connection already has it (see the class comment), or sends it while holding this monitor, so that it cannot
     * overtake events a concurrent release is sending. True when the event was kept or sent.
     */
    synchronized boolean deliver(
            Connection connection,
            String channel,
            SharedText message,
            long offset,
            String epoch,
            boolean batch,
            List<Connection> toFlush) {
        List<Held> waiting = held.get(channel);
        if (waiting != null) {
            waiting.add(new Held(message, offset, epoch));
            return true;
        }
        Position through = dropThrough.get(channel);
        if (through != null) {
            boolean alreadyThere = through.epoch().equals(epoch) && offset <= through.offset();
            if (!alreadyThere || offset == through.offset()) {
                dropThrough.remove(channel);
                retireIfEmpty(connection);
            }
            if (alreadyThere) {
                return false;
            }
        }
        return connection.send(message, batch, toFlush);
    }

    /**
     * Called for a presence message of {@code channel} (no channel lock): kept, in its place among the live events,
     * while the channel is held; else sent. True when it was kept or sent.
     */
    synchronized boolean deliverPresence(Connection connection, String channel, String message) {
        List<Held> waiting = held.get(channel);
        if (waiting != null) {
            waiting.add(new Held(new SharedText(message), 0, null));
            return true;
        }
        return connection.send(message);
    }

    /**
     * Called under the channel's lock. Stops holding {@code channel}: sends what waited and comes after
     * {@code from} (an event of another epoch than {@code from}'s is sent too: the caller's reply named
     * {@code from}, the client sees the epoch change). {@code reached}: the channel's delivery on this node has
     * already passed {@code from}, so nothing at or before it can come later.
     */
    synchronized void release(Connection connection, String channel, Position from, boolean reached) {
        List<Held> waiting = held.remove(channel);
        boolean passed = reached;
        if (waiting != null) {
            for (Held event : waiting) {
                if (event.epoch() == null) {
                    // A presence message: it has no place in the channel's stream, and is sent in arrival order.
                    connection.send(event.message(), false, null);
                    continue;
                }
                boolean sameEpoch = event.epoch().equals(from.epoch());
                if (!sameEpoch || event.offset() > from.offset()) {
                    connection.send(event.message(), false, null);
                }
                passed |= !sameEpoch || event.offset() >= from.offset();
            }
        }
        if (!passed) {
            dropThrough.put(channel, from);
        }
        retireIfEmpty(connection);
    }

    /** Called when the connection leaves {@code channel}: nothing of it is held or marked any more. */
    synchronized void forget(Connection connection, String channel) {
        held.remove(channel);
        dropThrough.remove(channel);
        retireIfEmpty(connection);
    }

    private void retireIfEmpty(Connection connection) {
        if (held.isEmpty() && dropThrough.isEmpty()) {
            retired = true;
            if (connection.pending == this) {
                connection.pending = null;
            }
        }
    }
}
