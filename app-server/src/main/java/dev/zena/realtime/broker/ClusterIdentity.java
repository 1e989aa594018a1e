package dev.zena.realtime.broker;

import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What every node of one cluster must agree on (SPEC §11: "a node whose JWT secret or store differs from the
 * cluster's ... refuses to start"), kept in Redis under {@code {prefix}:cluster}: a fingerprint of the token key
 * (never the key itself) and the store's identity. The first node to start records them; every other one
 * compares. The record expires {@link #TTL} after the last node stopped refreshing it, so that a cluster stopped
 * as a whole may come back with a rotated secret or a new store.
 */
public final class ClusterIdentity {

    /** How long the record outlives the last node that refreshed it. */
    public static final Duration TTL = Duration.ofSeconds(60);

    private static final String KEY = "cluster";

    /**
     * KEYS the record; ARGV token key, store, TTL in seconds. Records each value no node recorded, renews the TTL
     * and answers the recorded token key and store: one round trip, as every node runs it every second.
     */
    private static final LuaScript CLAIM = new LuaScript("""
            redis.call('HSETNX', KEYS[1], 'token_key', ARGV[1])
            redis.call('HSETNX', KEYS[1], 'store', ARGV[2])
            redis.call('EXPIRE', KEYS[1], ARGV[3])
            return redis.call('HMGET', KEYS[1], 'token_key', 'store')
            """);

    private ClusterIdentity() {}

    /**
     * Called once at a node's start: records {@code tokenKey} and {@code store} when no node has, else compares
     * them. Answers the difference in words (for the refusal), or empty when this node belongs to the cluster.
     *
     * @throws BrokerUnavailableException when Redis cannot be reached
     */
    public static Optional<String> claim(RedisLink link, String tokenKey, String store) {
        List<Object> recorded = CLAIM.run(
                link,
                ScriptOutputType.MULTI,
                List.of(link.globalKey(KEY)),
                List.of(tokenKey, store, Long.toString(TTL.toSeconds())));
        if (!tokenKey.equals(recorded.get(0))) {
            return Optional.of("its JWT key (jwt.secret or jwt.public_key) differs from the cluster's: every node "
                    + "must verify tokens with the same key");
        }
        if (!store.equals(recorded.get(1))) {
            return Optional.of(
                    "its store (db) is not the cluster's: every node must use the same PostgreSQL " + "database");
        }
        return Optional.empty();
    }

    /**
     * Called about once a second by every running node: keeps the record while any node runs, and writes this
     * node's values again when Redis lost the record (restarted empty, or failed over to a replica without it),
     * so that a node started afterwards with another key or store is still refused. Answers the difference when
     * the record Redis holds is not this node's (another node recorded its own while the record was gone).
     *
     * @throws BrokerUnavailableException when Redis cannot be reached
     */
    public static Optional<String> refresh(RedisLink link, String tokenKey, String store) {
        return claim(link, tokenKey, store);
    }
}
