package dev.zena.realtime.broker;

import java.util.function.Supplier;

/**
 * Publish/subscribe between server nodes, and the state of channels that every node must agree on: each
 * channel's position (offset and epoch) and its recent events (SPEC §9). Every event published on any node
 * reaches the local delivery of every node exactly once, in offset order per channel. Implementations:
 * {@link MemoryBroker} (one process); a Redis broker follows under the same contract ({@code BrokerContract}).
 * Thread-safe.
 */
public interface Broker extends AutoCloseable {

    /** Where a node hands publications to its own subscribers. */
    @FunctionalInterface
    interface LocalDelivery {

        /**
         * Called once per publication of {@code channel}, never for two publications of one channel at once from
         * a single broker thread's point of view: the callee orders them by holding its own per-channel lock while
         * it calls {@code stamp} (which answers the publication; a broker may assign the offset in it) and queues
         * the result, so queue order is offset order. Returns how many connections it was queued to.
         */
        int deliver(String channel, Supplier<Publication> stamp);

        /**
         * Called for every presence message of {@code channel} (SPEC §10: a {@code presence_event} or
         * {@code presence_summary}, already encoded by the node that announced it): hands it to this node's
         * connections that asked for presence events on that channel and belong to {@code tenantId}.
         */
        default void deliverPresence(String tenantId, String channel, String message) {
        }

        /**
         * Called when the broker finds a gap in a channel's stream it cannot fill from history (a broker outage
         * that outlived the history, a lost history): the holders of the channel must be told ({@code resync},
         * SPEC §9) and their next events start after {@code position}. {@code reason} is one of
         * {@code protocol.Resync}'s reasons.
         */
        default void resync(String channel, Position position, String reason) {
        }
    }

    /** Called once at start-up with this node's delivery. */
    void attach(LocalDelivery delivery);

    /**
     * Publishes to every node: the event gets the channel's next offset and joins its history. Returns the number
     * of connections of THIS node the event was queued to: local delivery happens before this method returns;
     * other nodes receive it asynchronously.
     */
    int publish(Envelope envelope);

    /**
     * Sends a presence message of {@code channel} to every node (local delivery before this returns). Presence
     * messages are not events: they take no offset and are kept in no history.
     */
    void publishPresence(String tenantId, String channel, String message);

    /** The channel's current position; for a channel never published, offset 0 in a fresh epoch. */
    Position position(String channel);

    /** The kept events of {@code channel} with an offset above {@code after}, oldest first, at most {@code limit}. */
    History history(String channel, long after, int limit);

    /** Called periodically: forgets events older than the history TTL and channels silent for long. */
    void evictExpired();

    @Override
    void close();
}
