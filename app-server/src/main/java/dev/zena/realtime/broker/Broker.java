package dev.zena.realtime.broker;

import java.util.function.Supplier;

/**
 * Publish/subscribe between server nodes, and the state of channels that every node must agree on: each
 * channel's position (offset and epoch) and its recent events (SPEC §9). Every event published on any node
 * reaches the local delivery of every node that subscribed to its channel exactly once, in offset order per
 * channel. Implementations: {@link MemoryBroker} (one process) and {@link RedisBroker} (a cluster of nodes sharing
 * one Redis), under one contract ({@code BrokerContract}). Thread-safe.
 *
 * <p>A broker that cannot reach its backing store answers {@link BrokerUnavailableException} from the calls that
 * need it, at once or within its command timeout, and changes nothing it could not confirm; it never queues work
 * without bound while unavailable.
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
        default void deliverPresence(String tenantId, String channel, String message) {}

        /**
         * Called when this node missed publications of {@code channel} that it can no longer fetch (pub/sub lost
         * them across a reconnect and they already left the history, or the channel's epoch changed): the holders
         * of the channel get a SPEC §9 {@code resync} naming {@code position}, the position live delivery resumes
         * after, and {@code reason} ({@code offset_expired}, {@code epoch_changed} or {@code history_unavailable}).
         * Called on the same thread and in the same order as {@link #deliver} for that channel: every publication
         * delivered afterwards comes after {@code position}.
         */
        default void resync(String channel, Position position, String reason) {}
    }

    /** Called once at start-up with this node's delivery. */
    void attach(LocalDelivery delivery);

    /**
     * Called when a channel's local holders go from none to one: from the moment this returns, every publication
     * of the channel reaches this node's delivery (so a position read afterwards is one live delivery continues
     * from). Calls nest: the channel stays subscribed until {@link #unsubscribe} was called as often. Blocks until
     * the subscription is in effect.
     *
     * @throws BrokerUnavailableException when the subscription could not be made; the channel is not subscribed
     */
    void subscribe(String channel);

    /**
     * Called when a channel's local holders go from one to none: undoes one {@link #subscribe}. Never throws for
     * an unreachable broker (the subscription is dropped locally and cleaned up when it is back).
     */
    void unsubscribe(String channel);

    /**
     * Publishes to every node: the event gets the channel's next offset and joins its history. Returns the number
     * of connections of THIS node the event was queued to: when this node subscribed to the channel, local
     * delivery happens before this method returns (a broker may give up waiting for it after a bounded time and
     * answer 0); otherwise 0 (a broker may still deliver locally, as the memory broker does). Other nodes receive
     * it asynchronously.
     *
     * @throws BrokerUnavailableException when the broker cannot be reached: the event was not published (or, after
     *         a timeout, its fate is unknown)
     */
    int publish(Envelope envelope);

    /**
     * Sends a presence message of {@code channel} to every node subscribed to it. Presence messages are not
     * events: they take no offset and are kept in no history; local delivery may happen after this returns.
     *
     * @throws BrokerUnavailableException when the broker cannot be reached
     */
    void publishPresence(String tenantId, String channel, String message);

    /**
     * The channel's current position; for a channel never published, offset 0 in a fresh epoch.
     *
     * @throws BrokerUnavailableException when the broker cannot be reached
     */
    Position position(String channel);

    /**
     * The kept events of {@code channel} with an offset above {@code after}, oldest first, at most {@code limit}.
     *
     * @throws BrokerUnavailableException when the broker cannot be reached
     */
    History history(String channel, long after, int limit);

    /** Called periodically: forgets events older than the history TTL and channels silent for long. */
    void evictExpired();

    /** True while the broker can publish and deliver (for {@code /health/ready}); cheap, never blocks. */
    boolean isAvailable();

    /**
     * Called before a write that must be published once it is made (a REST task write, a sync): refuses it while
     * the broker is unavailable, so that nothing changes that could not be announced (SPEC §11 item 5).
     *
     * @throws BrokerUnavailableException when {@link #isAvailable()} is false
     */
    default void requireAvailable() {
        if (!isAvailable()) {
            throw new BrokerUnavailableException("broker unavailable", null);
        }
    }

    @Override
    void close();
}
