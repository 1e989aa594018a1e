package dev.zena.realtime.publish;

import dev.zena.realtime.broker.Broker;
import dev.zena.realtime.broker.Envelope;
import dev.zena.realtime.broker.RedisBroker;
import dev.zena.realtime.broker.RedisLink;
import io.lettuce.core.SetArgs;
import java.util.OptionalInt;

/**
 * The replay guard of a cluster (SPEC §11): one Redis key per accepted signature, so that exactly one node accepts a
 * signature however many nodes receive it. A request that names a channel keeps its signature beside the channel's
 * keys, {@code zena:{channel}:replay:<signature>}, and a broadcast claims it inside the publish script (one round
 * trip, and one hash slot as Redis Cluster requires); any other, {@code zena:replay:<signature>} with {@code SET NX}.
 * The key expires when the signature's timestamp leaves the freshness window, plus {@link #SKEW_SECONDS} for nodes
 * whose clocks run behind Redis's (each node checks freshness on its own clock). Thread-safe.
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
        return claim(link.globalKey(key(signature)), timestamp);
    }

    @Override
    public boolean firstUse(String signature, String channel, long timestamp, long now) {
        return claim(link.channelKey(channel, key(signature)), timestamp);
    }

    @Override
    public OptionalInt publishOnce(String signature, long timestamp, long now, Envelope envelope, Broker broker) {
        if (broker instanceof RedisBroker redis) {
            return redis.publishOnce(
                    envelope, link.channelKey(envelope.channel(), key(signature)), expiresAt(timestamp));
        }
        return ReplayGuard.super.publishOnce(signature, timestamp, now, envelope, broker);
    }

    private boolean claim(String key, long timestamp) {
        String reply =
                link.call(redis -> redis.set(key, "1", SetArgs.Builder.nx().exAt(expiresAt(timestamp))));
        return "OK".equals(reply);
    }

    private long expiresAt(long timestamp) {
        return timestamp + windowSeconds + SKEW_SECONDS;
    }

    private static String key(String signature) {
        return "replay:" + signature;
    }
}
