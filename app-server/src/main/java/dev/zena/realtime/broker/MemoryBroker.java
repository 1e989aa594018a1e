package dev.zena.realtime.broker;

/** The single-process broker: publishing is delivering locally, synchronously. */
public final class MemoryBroker implements Broker {

    private volatile LocalDelivery delivery = envelope -> 0;

    @Override
    public void attach(LocalDelivery newDelivery) {
        this.delivery = newDelivery;
    }

    @Override
    public int publish(Envelope envelope) {
        return delivery.deliver(envelope);
    }

    @Override
    public void close() {
        delivery = envelope -> 0;
    }
}
