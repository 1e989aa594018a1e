package dev.zena.realtime.publish;

import dev.zena.realtime.broker.Broker;
import dev.zena.realtime.broker.Envelope;
import java.util.OptionalInt;

/**
 * The signatures accepted recently, so that the same signed request is accepted once (SPEC §6):
 * {@link MemoryReplayGuard} for one process; for a cluster, one shared by every node (SPEC §11), so that a request
 * replayed to another node is refused too. Thread-safe.
 *
 * <p>A signature may be claimed in a scope, the channel its request names, so that a cluster keeps it beside the
 * channel's other keys and claims it in the publish's own step ({@link #publishOnce}). The scope must follow from the
 * signed body alone (never from what the store holds), so that every use of one signature looks in the same place.
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

    /**
     * {@link #firstUse(String, long, long)} for a request that names {@code channel}: a guard may keep the signature
     * in that channel's scope. This guard's {@link #publishOnce} looks there.
     */
    default boolean firstUse(String signature, String channel, long timestamp, long now) {
        return firstUse(signature, timestamp, now);
    }

    /**
     * Publishes {@code envelope} through {@code broker} if {@code signature} is seen for the first time, claimed in the
     * scope of the envelope's channel: answers what {@link Broker#publish} answers, or empty for a replay (nothing
     * published). A guard that can make the claim and the publish one step does (a cluster: one Redis script, one
     * round trip, and a publish that fails leaves the signature unclaimed).
     *
     * @throws dev.zena.realtime.broker.BrokerUnavailableException as {@link #firstUse} and {@link Broker#publish}
     */
    default OptionalInt publishOnce(String signature, long timestamp, long now, Envelope envelope, Broker broker) {
        if (!firstUse(signature, envelope.channel(), timestamp, now)) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(broker.publish(envelope));
    }
}
