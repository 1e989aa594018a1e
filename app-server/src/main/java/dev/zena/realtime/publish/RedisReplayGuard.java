package dev.zena.realtime.publish;

import dev.zena.realtime.broker.RedisLink;
import io.lettuce.core.SetArgs;

/**
 * The replay guard of a cluster (SPEC §11): one Redis key per accepted signature, {@code zena:replay:<signature>},
 * set with {@code SET NX}, so that exactly one node accepts a signature however many nodes receive it. The key
 * expires when the signature's timestamp leaves the freshness window, plus {@link #SKEW_SECONDS} for nodes whose
 * clocks run behind Redis's (each node checks freshness on its own clock). Thread-safe.
 */
public final class RedisReplayGuard implements ReplayGuard {

    /** Added to a signature's lifetime in Redis: the clock difference between nodes that is tolerated. */
    static final long SKEW_SECONDS = SignatureVerifier.MAX_AHEAD_SECONDS;

    private final RedisLink link;
    private final long windowSeconds;

    /** A guard on {@code link} remembering each signature until its timestamp is {@code windowSeconds} old. */
    public RedisReplayGuard(RedisLink link, long windowSeconds) {
        this.link = link;
        this.windowSeconds = windowSeconds;
    }

    @Override
    public boolean firstUse(String signature, long timestamp, long now) {
        long expiresAt = timestamp + windowSeconds + SKEW_SECONDS;
        String reply = link.call(redis -> redis.set(
                link.globalKey("replay:" + signature), "1", SetArgs.Builder.nx().exAt(expiresAt)));
        return "OK".equals(reply);
    }
}
