package dev.zena.realtime.hub;

import dev.zena.realtime.broker.Envelope;
import dev.zena.realtime.broker.Position;
import dev.zena.realtime.broker.Publication;
import dev.zena.realtime.protocol.Event;
import dev.zena.realtime.protocol.Resync;
import dev.zena.realtime.protocol.WireCodec;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The live connections of this server, the channels they hold, and fan-out. An event is encoded once per
 * publication and the same text is queued to every subscriber whose tenant is the event's tenant. Offsets and
 * recent events are the broker's (they are cluster-wide state); the hub only keeps each channel's delivery in
 * the order the broker stamped it. Thread-safe.
 */
public final class Hub {

    private final WireCodec codec;
    private final Clock clock;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final Map<String, Set<Connection>> subscribers = new ConcurrentHashMap<>();
    private final Map<String, Sequence> sequences = new ConcurrentHashMap<>();
    /** The connections that asked for presence events, per channel (SPEC §10 {@code presence_events}). */
    private final Map<String, Set<Connection>> presenceWatchers = new ConcurrentHashMap<>();

    private final List<HubListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Built once per server. */
    public Hub(WireCodec codec, Clock clock) {
        this.clock = clock;
        this.codec = codec;
    }

    /** Registers a listener told of opens, closes and deliveries (metrics, the admin feed). */
    public void addListener(HubListener listener) {
        listeners.add(listener);
    }

    /** Called by the transport when a socket opens. */
    public void register(Connection connection) {
        connections.put(connection.id(), connection);
        listeners.forEach(l -> l.opened(connection));
    }

    /**
     * Called by the protocol right after a connection's first token is accepted (not on a refresh by the same
     * user); tells the listeners, e.g. the admin feed's {@code connection_opened}.
     */
    public void authenticated(Connection connection) {
        if (connections.containsKey(connection.id())) {
            listeners.forEach(l -> l.authenticated(connection));
        }
    }

    /** Called by the transport when a socket has closed; drops its subscriptions. */
    public void unregister(Connection connection, int closeCode) {
        if (connections.remove(connection.id()) == null) {
            return;
        }
        for (String channel : connection.channels()) {
            remove(connection, channel);
        }
        listeners.forEach(l -> l.closed(connection, closeCode));
    }

    /** Every live connection. */
    public Collection<Connection> connections() {
        return List.copyOf(connections.values());
    }

    /**
     * Visits every live connection without copying them (weakly consistent, like the map behind it): for the
     * periodic passes over all connections, which a copy of 18,000 entries five times a second would dominate.
     */
    public void forEachConnection(java.util.function.Consumer<Connection> visitor) {
        connections.values().forEach(visitor);
    }

    /** The number of live connections, without copying them. */
    public int connectionCount() {
        return connections.size();
    }

    /** The live connection with this id. */
    public Optional<Connection> connection(String id) {
        return Optional.ofNullable(connections.get(id));
    }

    /** Adds a granted channel to a connection (a channel already held stays held). */
    public void add(Connection connection, String channel) {
        if (attach(connection, channel)) {
            listeners.forEach(l -> l.joined(connection, channel));
        }
    }

    private boolean attach(Connection connection, String channel) {
        if (!connection.addChannel(channel)) {
            return false;
        }
        subscribers.computeIfAbsent(channel, c -> ConcurrentHashMap.newKeySet()).add(connection);
        return true;
    }

    /**
     * Called on the connection's lane for each granted channel of a {@code subscribe}, before its reply: adds the
     * channel and, from this moment, holds the channel's live events for this connection until {@link #release}
     * (see {@link Pending}). Taken under the channel's delivery lock, so that every event is either published
     * before (the caller finds it in the broker's history or position, read after this call) or held.
     */
    public void addHeld(Connection connection, String channel) {
        Sequence sequence = sequences.computeIfAbsent(channel, c -> new Sequence());
        boolean isNew;
        synchronized (sequence) {
            Pending pending = connection.pending;
            if (pending == null || !pending.hold(channel)) {
                pending = new Pending();
                pending.hold(channel);
                connection.pending = pending;
            }
            isNew = attach(connection, channel);
        }
        if (isNew) {
            listeners.forEach(l -> l.joined(connection, channel));
        }
    }

    /**
     * Called on the connection's lane once the {@code subscription} reply (and any replayed events of the channel)
     * is queued: sends the held live events of {@code channel} that come after {@code from} (the position the
     * reply named, or the last replayed event) and delivers the next ones directly. Taken under the channel's
     * delivery lock, so that it knows how far this node's delivery of the channel has got: an event at or before
     * {@code from} that has not reached it yet is dropped for this connection when it does (see {@link Pending}).
     */
    public void release(Connection connection, String channel, Position from) {
        Pending pending = connection.pending;
        if (pending == null) {
            return;
        }
        Sequence sequence = sequences.computeIfAbsent(channel, c -> new Sequence());
        synchronized (sequence) {
            boolean reached =
                    from.offset() == 0 || (from.epoch().equals(sequence.epoch) && sequence.lastOffset >= from.offset());
            pending.release(connection, channel, from, reached);
        }
    }

    /** Removes a channel from a connection (and its presence events); false when it was not held. */
    public boolean remove(Connection connection, String channel) {
        if (!connection.removeChannel(channel)) {
            return false;
        }
        Pending pending = connection.pending;
        if (pending != null) {
            pending.forget(connection, channel);
        }
        subscribers.computeIfPresent(channel, (c, set) -> {
            set.remove(connection);
            return set.isEmpty() ? null : set;
        });
        if (!presenceWatchers.isEmpty()) {
            presenceWatchers.computeIfPresent(channel, (c, set) -> {
                set.remove(connection);
                return set.isEmpty() ? null : set;
            });
        }
        listeners.forEach(l -> l.left(connection, channel));
        return true;
    }

    /** Called for a held channel whose subscription asked for presence events: they reach this connection too. */
    public void watchPresence(Connection connection, String channel) {
        if (connection.holds(channel)) {
            presenceWatchers
                    .computeIfAbsent(channel, c -> ConcurrentHashMap.newKeySet())
                    .add(connection);
        }
    }

    /**
     * Called by the broker for a presence message of a channel: queued to every connection of {@code tenantId}
     * that asked for the channel's presence events. Returns how many.
     */
    public int deliverPresence(String tenantId, String channel, String message) {
        Set<Connection> watchers = presenceWatchers.get(channel);
        if (watchers == null) {
            return 0;
        }
        int delivered = 0;
        for (Connection connection : watchers) {
            if (!tenantId.equals(connection.tenantId())) {
                continue;
            }
            Pending pending = connection.pending;
            if (pending == null ? connection.send(message) : pending.deliverPresence(connection, channel, message)) {
                delivered++;
            }
        }
        return delivered;
    }

    /**
     * Called by the broker for every publication of {@code channel} (see {@code Broker.LocalDelivery}): under the
     * channel's lock, takes the publication from {@code stamp} (the broker may assign its offset there) and
     * queues it to every connection of the event's tenant holding the channel; returns how many. Publications of
     * one channel are thus queued in offset order even when publishers race.
     */
    public int deliver(String channel, Supplier<Publication> stamp) {
        Sequence sequence = sequences.computeIfAbsent(channel, c -> new Sequence());
        sequence.waiting.incrementAndGet();
        synchronized (sequence) {
            sequence.waiting.decrementAndGet();
            try {
                Publication publication = stamp.get();
                String previousEpoch = sequence.epoch;
                sequence.epoch = publication.epoch();
                sequence.lastOffset = publication.offset();
                if (previousEpoch != null && !previousEpoch.equals(publication.epoch())) {
                    // The channel's history was lost (a fresh broker, a channel forgotten): what holders missed
                    // cannot be filled, so they are told before the first event of the new epoch (SPEC §9).
                    resyncHolders(
                            channel, new Position(publication.offset() - 1, publication.epoch()), Resync.EPOCH_CHANGED);
                }
                Set<Connection> holders = subscribers.get(channel);
                if (holders == null || holders.isEmpty()) {
                    return 0;
                }
                String text = codec.encode(eventOf(publication));
                // Batched only when another publish already waits: a lone publish writes at once.
                boolean batch = sequence.waiting.get() > 0 && sequence.passes + 1 < MAX_UNFLUSHED_PASSES;
                return deliver(
                        publication.envelope().tenantId(),
                        channel,
                        publication.offset(),
                        publication.epoch(),
                        holders,
                        text,
                        batch,
                        sequence.unflushed,
                        publication.envelope().exceptConnection());
            } finally {
                // Frames are batched; they are written when no other publish of this channel is waiting for the
                // lock (that one flushes after its own pass), and at least every MAX_UNFLUSHED_PASSES passes. So a
                // burst of publishes costs one socket write per subscriber, not one per event.
                if (++sequence.passes >= MAX_UNFLUSHED_PASSES || sequence.waiting.get() == 0) {
                    sequence.flush();
                }
            }
        }
    }

    /**
     * Called by the broker when a gap in a channel's stream cannot be filled (SPEC §9: history lost, a broker outage):
     * every holder of the channel gets a {@code resync} naming the channel's position, and keeps its subscription.
     */
    public void resync(String channel, Position position, String reason) {
        Sequence sequence = sequences.computeIfAbsent(channel, c -> new Sequence());
        synchronized (sequence) {
            sequence.epoch = position.epoch();
            sequence.lastOffset = position.offset();
            resyncHolders(channel, position, reason);
        }
    }

    private void resyncHolders(String channel, Position position, String reason) {
        Set<Connection> holders = subscribers.get(channel);
        if (holders == null || holders.isEmpty()) {
            return;
        }
        String text = codec.encode(new Resync(channel, position.offset(), position.epoch(), reason, clock.instant()));
        for (Connection connection : holders) {
            connection.send(text);
        }
    }

    /**
     * Sends a test event to one connection only (the admin API); true when it was queued. It is not part of the
     * channel's stream: {@code publication} carries the channel's current position, not a new offset, so the
     * channel's other subscribers see no gap.
     */
    public boolean sendTo(Connection connection, Publication publication) {
        Sequence sequence = sequences.computeIfAbsent(publication.channel(), c -> new Sequence());
        boolean queued;
        synchronized (sequence) {
            queued = connection.isAuthenticated() && connection.send(codec.encode(eventOf(publication)));
        }
        if (queued) {
            listeners.forEach(l -> l.delivered(connection.tenantId(), 1));
        }
        return queued;
    }

    /** The live connections holding a channel (a snapshot). */
    public Set<Connection> holders(String channel) {
        Set<Connection> holders = subscribers.get(channel);
        return holders == null ? Set.of() : Set.copyOf(holders);
    }

    private int deliver(
            String tenantId,
            String channel,
            long offset,
            String epoch,
            Collection<Connection> holders,
            String text,
            boolean batch,
            List<Connection> toFlush,
            String except) {
        int delivered = 0;
        // Encoded to UTF-8 (and by the transport to its wire form) once; every connection's frame shares it.
        SharedText message = new SharedText(text);
        for (Connection connection : holders) {
            // Second line of defence: a subscription never crosses tenants, but delivery checks again.
            if (!tenantId.equals(connection.tenantId())) {
                continue;
            }
            if (except != null && except.equals(connection.id())) {
                continue; // the publisher's own socket (Pusher socket_id, SPEC §12)
            }
            Pending pending = connection.pending;
            if (pending == null
                    ? connection.send(message, batch, toFlush)
                    : pending.deliver(connection, channel, message, offset, epoch, batch, toFlush)) {
                delivered++;
            }
        }
        int count = delivered;
        if (count > 0) {
            listeners.forEach(l -> l.delivered(tenantId, count));
        }
        return delivered;
    }

    private static Event eventOf(Publication publication) {
        Envelope envelope = publication.envelope();
        return new Event(
                envelope.channel(),
                envelope.event(),
                envelope.data(),
                publication.offset(),
                publication.epoch(),
                envelope.isTest(),
                false,
                publication.timestamp());
    }

    /** Most fan-out passes of one channel whose frames may wait unflushed for the next pass. */
    private static final int MAX_UNFLUSHED_PASSES = 4;

    /** A channel's delivery order and the connections with batched frames not yet flushed; guarded by its own lock. */
    private static final class Sequence {
        /** Publishes waiting for this lock. */
        final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();

        final List<Connection> unflushed = new java.util.ArrayList<>();
        int passes;
        /** The epoch of the last publication delivered; a change means the channel's history was lost. */
        String epoch;
        /** The offset of the last publication delivered. */
        long lastOffset;

        void flush() {
            for (Connection connection : unflushed) {
                connection.flush();
            }
            unflushed.clear();
            passes = 0;
        }
    }
}
