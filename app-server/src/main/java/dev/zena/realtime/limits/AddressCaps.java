package dev.zena.realtime.limits;

import io.github.bucket4j.ConsumptionProbe;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Handshakes per client address per second and open connections per client address (SPEC §5), the address being
 * the one {@link ClientAddresses} resolved. Thread-safe; counters that fall to zero are removed.
 */
public final class AddressCaps {

    /** {@code Retry-After} of a refusal for too many open connections: no bucket says when one will close. */
    public static final long CONNECTIONS_RETRY_SECONDS = 5;

    private final KeyedBuckets handshakes;
    private final int perAddress;
    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    AddressCaps(KeyedBuckets handshakes, int perAddress) {
        this.handshakes = handshakes;
        this.perAddress = perAddress;
    }

    /** Called before each upgrade: counts the handshake; empty when it may proceed, else the denial. */
    public Optional<LimitExceeded> checkHandshake(String address) {
        ConsumptionProbe probe = handshakes.tryConsume(address);
        if (!probe.isConsumed()) {
            return Optional.of(LimitExceeded.afterNanos(Limit.HANDSHAKES_PER_IP, probe.getNanosToWaitForRefill()));
        }
        if (openFrom(address) >= perAddress) {
            return Optional.of(new LimitExceeded(Limit.CONNECTIONS_PER_IP, CONNECTIONS_RETRY_SECONDS));
        }
        return Optional.empty();
    }

    /**
     * Called when a socket opens; false when this one took the address over its cap (concurrent handshakes all
     * passed {@link #checkHandshake}): the caller then closes it with 4029. It stays counted until {@link #closed}.
     */
    public boolean opened(String address) {
        return open.merge(address, 1, Integer::sum) <= perAddress;
    }

    /** Called when a socket closes. */
    public void closed(String address) {
        open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }

    /** Open connections from an address. */
    public int openFrom(String address) {
        return open.getOrDefault(address, 0);
    }

    void evictIdle() {
        handshakes.evictIdle();
    }
}
