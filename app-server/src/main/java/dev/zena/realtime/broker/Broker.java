package dev.zena.realtime.broker;

/**
 * Publish/subscribe between server nodes. Every event published on any node reaches the local delivery of
 * every node exactly once. Implementations: {@link MemoryBroker} (one process); a Redis broker can follow
 * without changing callers.
 */
public interface Broker extends AutoCloseable {

    /** Where a node hands an event to its own subscribers; returns how many connections it was queued to. */
    @FunctionalInterface
    interface LocalDelivery {
        int deliver(Envelope envelope);
    }

    /** Called once at start-up with this node's delivery. */
    void attach(LocalDelivery delivery);

    /**
     * Publishes to every node. Returns the number of connections of THIS node the event was queued to: local
     * delivery happens before this method returns; other nodes receive it asynchronously.
     */
    int publish(Envelope envelope);

    @Override
    void close();
}
