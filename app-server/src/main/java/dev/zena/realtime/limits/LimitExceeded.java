package dev.zena.realtime.limits;

import io.github.bucket4j.ConsumptionProbe;
import java.util.Objects;
import java.util.Optional;

/**
 * The one typed denial of this package: which limit refused, and after how many seconds a retry may succeed
 * (the {@code Retry-After} value; at least 1).
 */
public record LimitExceeded(Limit limit, long retryAfterSeconds) {

    /** The public message of every {@code RATE_LIMITED} answer: WebSocket reply, REST, publish and handshake 429s. */
    public static final String RATE_LIMITED_MESSAGE = "Rate limit exceeded";

    public LimitExceeded {
        Objects.requireNonNull(limit, "limit");
        retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    /** Empty when the bucket gave its token, else the denial with the bucket's wait (a per-key rate's answer). */
    static Optional<LimitExceeded> unlessConsumed(Limit limit, ConsumptionProbe probe) {
        return probe.isConsumed() ? Optional.empty() : Optional.of(afterNanos(limit, probe.getNanosToWaitForRefill()));
    }

    /** A denial whose retry delay is a bucket's wait for its next token, rounded up to whole seconds. */
    static LimitExceeded afterNanos(Limit limit, long nanosToWait) {
        return new LimitExceeded(limit, (nanosToWait + 999_999_999L) / 1_000_000_000L);
    }
}
