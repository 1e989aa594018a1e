package dev.zena.realtime.publish;

/**
 * The signatures accepted recently, so that the same signed request is accepted once (SPEC §6):
 * {@link MemoryReplayGuard} for one process; for a cluster, one shared by every node (SPEC §11), so that a request
 * replayed to another node is refused too. Thread-safe.
 */
public interface ReplayGuard {

    /**
     * Called for every request whose signature is valid, once it may proceed: true the first time a signature is
     * seen, false for a replay. {@code timestamp} is the request's signed timestamp, {@code now} the current Unix
     * second.
     *
     * @throws dev.zena.realtime.broker.BrokerUnavailableException when the cluster's guard cannot be reached (the
     *         request is then answered 503 and not remembered, so that its sender may retry it)
     */
    boolean firstUse(String signature, long timestamp, long now);
}
