package dev.zena.realtime.hub;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zena.realtime.protocol.Event;
import dev.zena.realtime.protocol.WireCodec;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live connections of this server, the channels they hold, and fan-out. An event is encoded once per
 * publish and the same text is queued to every subscriber whose tenant is the event's tenant. Thread-safe.
 */
public final class Hub {

    private final Clock clock;
    private final WireCodec codec;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final Map<String, Set<Connection>> subscribers = new ConcurrentHashMap<>();
    private final Map<String, Sequence> offsets = new ConcurrentHashMap<>();
    private final List<HubListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final RecentEvents recent = new RecentEvents(20, 10_000);

    /** Built once per server. */
    public Hub(Clock clock, WireCodec codec) {
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
        if (connection.addChannel(channel)) {
            subscribers.computeIfAbsent(channel, c -> ConcurrentHashMap.newKeySet()).add(connection);
        }
    }

    /** Removes a channel from a connection; false when it was not held. */
    public boolean remove(Connection connection, String channel) {
        if (!connection.removeChannel(channel)) {
            return false;
        }
        subscribers.computeIfPresent(channel, (c, set) -> {
            set.remove(connection);
            return set.isEmpty() ? null : set;
        });
        return true;
    }

    /**
     * Delivers an event to every connection of {@code tenantId} holding {@code channel}; returns how many it was
     * queued to. The channel's offset rises by one whether or not anyone listens.
     */
    public int publish(String tenantId, String channel, String event, JsonNode data, boolean isTest) {
        Sequence sequence = offsets.computeIfAbsent(channel, c -> new Sequence());
        sequence.waiting.incrementAndGet();
        // One publish per channel at a time: offsets are assigned and queued in the same order, so every
        // subscriber sees them rising by one even when publishers race.
        synchronized (sequence) {
            sequence.waiting.decrementAndGet();
            try {
                long offset = ++sequence.last;
                java.time.Instant now = clock.instant();
                if (!isTest) {
                    recent.remember(channel, new RecentEvents.Entry(event, data, offset, now));
                }
                Set<Connection> holders = subscribers.get(channel);
                if (holders == null || holders.isEmpty()) {
                    return 0;
                }
                String text = codec.encode(new Event(channel, event, data, offset, isTest, now));
                // Batched only when another publish already waits: a lone publish writes at once, as before.
                boolean batch = sequence.waiting.get() > 0 && sequence.passes + 1 < MAX_UNFLUSHED_PASSES;
                return deliver(tenantId, holders, text, batch, sequence.unflushed);
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

    /** Sends a test event to one connection only (the admin API); true when it was queued. */
    public boolean sendTo(Connection connection, String channel, String event, JsonNode data) {
        Sequence sequence = offsets.computeIfAbsent(channel, c -> new Sequence());
        boolean queued;
        synchronized (sequence) {
            String text = codec.encode(new Event(channel, event, data, ++sequence.last, true,
                    clock.instant()));
            queued = connection.isAuthenticated() && connection.send(text);
        }
        if (queued) {
            listeners.forEach(l -> l.delivered(connection.tenantId(), 1));
        }
        return queued;
    }

    /** The last events published on a channel, newest first (REST twins of alerts and notifications). */
    public List<RecentEvents.Entry> recent(String channel) {
        return recent.of(channel);
    }

    /** The live connections holding a channel (a snapshot). */
    public Set<Connection> holders(String channel) {
        Set<Connection> holders = subscribers.get(channel);
        return holders == null ? Set.of() : Set.copyOf(holders);
    }


    private int deliver(String tenantId, Collection<Connection> holders, String text, boolean batch,
            List<Connection> toFlush) {
        int delivered = 0;
        // Encoded to UTF-8 (and by the transport to its wire form) once; every connection's frame shares it.
        SharedText message = new SharedText(text);
        for (Connection connection : holders) {
            // Second line of defence: a subscription never crosses tenants, but delivery checks again.
            if (tenantId.equals(connection.tenantId()) && connection.send(message, batch, toFlush)) {
                delivered++;
            }
        }
        int count = delivered;
        if (count > 0) {
            listeners.forEach(l -> l.delivered(tenantId, count));
        }
        return delivered;
    }

    /** Most fan-out passes of one channel whose frames may wait unflushed for the next pass. */
    private static final int MAX_UNFLUSHED_PASSES = 4;

    /** A channel's offset and the connections with batched frames not yet flushed; guarded by its own lock. */
    private static final class Sequence {
        /** Publishes waiting for this lock. */
        final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();
        final List<Connection> unflushed = new java.util.ArrayList<>();
        long last;
        int passes;

        void flush() {
            for (Connection connection : unflushed) {
                connection.flush();
            }
            unflushed.clear();
            passes = 0;
        }
    }
}
