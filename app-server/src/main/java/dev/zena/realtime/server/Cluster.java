package dev.zena.realtime.server;

import dev.zena.realtime.broker.Broker;
import dev.zena.realtime.broker.BrokerUnavailableException;
import dev.zena.realtime.broker.ClusterIdentity;
import dev.zena.realtime.broker.MemoryBroker;
import dev.zena.realtime.broker.RedisBroker;
import dev.zena.realtime.broker.RedisLink;
import dev.zena.realtime.config.JwtConfig;
import dev.zena.realtime.config.ServerConfig;
import dev.zena.realtime.limits.Limits;
import dev.zena.realtime.node.DuplicateNodeException;
import dev.zena.realtime.node.Nodes;
import dev.zena.realtime.node.RedisNodes;
import dev.zena.realtime.node.SoloNode;
import dev.zena.realtime.presence.Members;
import dev.zena.realtime.presence.MemoryMembers;
import dev.zena.realtime.presence.RedisMembers;
import dev.zena.realtime.publish.MemoryReplayGuard;
import dev.zena.realtime.publish.RedisReplayGuard;
import dev.zena.realtime.publish.ReplayGuard;
import dev.zena.realtime.publish.SignatureVerifier;
import dev.zena.realtime.store.Store;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this server shares with the other nodes of its cluster (SPEC §11): the broker, the presence members, the
 * limits that count for the whole cluster and the publish replay guard (ADR 0019), in memory for one process
 * ({@code broker: memory}), on Redis for a cluster ({@code broker: redis}). Built first
 * by {@link Wiring}; a node that must not join its cluster is refused here, before anything listens.
 */
final class Cluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);
    /**
     * The identity record is refreshed every this many ticks (seconds): well inside its TTL (ClusterIdentity.TTL,
     * 60 s), and each refresh is a Redis round trip of every node.
     */
    static final int IDENTITY_REFRESH_TICKS = 5;

    private final Broker broker;
    private final Members members;
    private final Limits limits;
    private final ReplayGuard replays;
    private final RedisLink link;
    private final Nodes nodes;
    private final String nodeId;
    /** What this node recorded as the cluster's identity (token key fingerprint, store); null in one process. */
    private final String tokenKey;

    private final String storeIdentity;
    /** Written and read on the ticker thread only. */
    private boolean wasAvailable = true;

    private boolean isIdentityDisputed;
    /** Ticks since the identity record was last refreshed; written and read on the ticker thread only. */
    private int sinceIdentityRefresh = IDENTITY_REFRESH_TICKS;

    private Cluster(
            Broker broker,
            Members members,
            Limits limits,
            ReplayGuard replays,
            RedisLink link,
            Nodes nodes,
            String tokenKey,
            String storeIdentity) {
        this.nodes = nodes;
        this.nodeId = nodes.selfId();
        this.tokenKey = tokenKey;
        this.storeIdentity = storeIdentity;
        this.broker = broker;
        this.members = members;
        this.limits = limits;
        this.replays = replays;
        this.link = link;
    }

    /** Called once at start. */
    static Cluster of(ServerConfig config, Store store, Clock clock) {
        String nodeId = config.cluster().nodeName();
        if (!config.cluster().isCluster()) {
            return new Cluster(
                    new MemoryBroker(
                            clock, config.history().size(), config.history().ttl()),
                    new MemoryMembers(config.presence().leaveGrace()),
                    Limits.of(config, clock),
                    new MemoryReplayGuard(SignatureVerifier.MAX_AGE_SECONDS),
                    null,
                    new SoloNode(nodeId, clock),
                    null,
                    null);
        }
        if (!config.db().regionMatches(true, 0, "jdbc:postgresql:", 0, "jdbc:postgresql:".length())) {
            throw new StartRefused(
                    "broker: redis makes this server a node of a cluster, whose nodes share one "
                            + "PostgreSQL store: set db to a jdbc:postgresql:// URL (this node's db is a SQLite file)",
                    null);
        }
        RedisLink link;
        try {
            link = RedisLink.open(config.cluster().redisUrl(), config.cluster().redisPrefix());
        } catch (BrokerUnavailableException e) {
            throw new StartRefused("cannot reach the cluster's Redis (redis.url): " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new StartRefused("cannot use the cluster's Redis (redis.url, redis.prefix): " + e.getMessage(), e);
        }
        try {
            String tokenKey = tokenKeyFingerprint(config.jwt());
            String refusal =
                    ClusterIdentity.claim(link, tokenKey, store.identity()).orElse(null);
            if (refusal != null) {
                throw new StartRefused(
                        "node " + nodeId + " refuses to join the cluster under " + "redis.prefix "
                                + config.cluster().redisPrefix() + ": " + refusal,
                        null);
            }
            RedisNodes nodes;
            try {
                nodes = RedisNodes.open(link, nodeId, clock);
            } catch (DuplicateNodeException e) {
                throw new StartRefused(
                        "node " + nodeId + " refuses to join the cluster under redis.prefix "
                                + config.cluster().redisPrefix() + ": " + e.getMessage(),
                        null);
            }
            LOG.info(
                    "cluster_joined node={} prefix={}", nodeId, config.cluster().redisPrefix());
            RedisBroker broker = new RedisBroker(
                    link, clock, config.history().size(), config.history().ttl());
            RedisMembers members =
                    new RedisMembers(link, nodeId, config.presence().leaveGrace(), clock);
            Limits limits;
            try {
                limits = Limits.clusterWide(config, clock, link, nodeId);
            } catch (RuntimeException e) {
                members.close(); // its beats would otherwise outlive the refused start
                broker.close();
                nodes.close();
                throw e;
            }
            return new Cluster(
                    broker,
                    members,
                    limits,
                    new RedisReplayGuard(link, SignatureVerifier.MAX_AGE_SECONDS),
                    link,
                    nodes,
                    tokenKey,
                    store.identity());
        } catch (RuntimeException e) {
            link.close();
            throw e instanceof StartRefused ? e : new StartRefused("cannot join the cluster: " + e.getMessage(), e);
        }
    }

    /** This node's name (SPEC §11): the configured {@code node.id} or the one generated at start. */
    String nodeId() {
        return nodeId;
    }

    Broker broker() {
        return broker;
    }

    /** The live nodes of this cluster and the questions the admin API asks them all (SPEC §11 item 4). */
    Nodes nodes() {
        return nodes;
    }

    Members members() {
        return members;
    }

    /** Every limit of SPEC §5; caps per user and tenant and the REST and publish rates cluster-wide on Redis. */
    Limits limits() {
        return limits;
    }

    /** The publish replay guard: one for every node of a cluster, so that a replay to another node is refused. */
    ReplayGuard replays() {
        return replays;
    }

    /**
     * Called about once a second with this node's live connections: logs the broker's outages once each
     * (Lettuce's own reconnect warnings are silenced), keeps this cluster's identity record alive while a node
     * runs (every {@link #IDENTITY_REFRESH_TICKS} ticks, writing it again when Redis lost it), and refreshes this
     * node's card.
     */
    void tick(int connections) {
        nodes.beat(connections);
        boolean isAvailable = broker.isAvailable();
        if (isAvailable != wasAvailable) {
            wasAvailable = isAvailable;
            if (isAvailable) {
                LOG.info("broker_available");
                sinceIdentityRefresh = IDENTITY_REFRESH_TICKS; // a Redis back from a restart may have lost the record
            } else {
                LOG.warn("broker_unavailable publish=503 subscribe=503 ready=503");
            }
        }
        if (link != null && ++sinceIdentityRefresh >= IDENTITY_REFRESH_TICKS) {
            sinceIdentityRefresh = 0;
            try {
                String difference =
                        ClusterIdentity.refresh(link, tokenKey, storeIdentity).orElse(null);
                if ((difference != null) != isIdentityDisputed) {
                    isIdentityDisputed = difference != null;
                    if (isIdentityDisputed) {
                        // a node joined while Redis had forgotten the record: one of the two is misconfigured
                        LOG.error("cluster_identity_differs node={} difference=\"{}\"", nodeId, difference);
                    } else {
                        LOG.info("cluster_identity_agrees node={}", nodeId);
                    }
                }
            } catch (BrokerUnavailableException e) {
                // the broker reports its own outage; the record outlives a short one (ClusterIdentity.TTL)
                sinceIdentityRefresh = IDENTITY_REFRESH_TICKS; // tried again at the next tick
            }
        }
    }

    @Override
    public void close() {
        nodes.close();
        limits.close();
        if (members instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("cluster_close_failed part=members", e);
            }
        }
        broker.close();
        if (link != null) {
            link.close();
        }
    }

    /**
     * What every node's token key must equal, never the key itself: an HMAC of a fixed text under the HS256
     * secret, or a digest of the RS256 public key.
     */
    static String tokenKeyFingerprint(JwtConfig jwt) {
        try {
            if (JwtConfig.HS256.equals(jwt.algorithm())) {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(jwt.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                return "hs256:"
                        + HexFormat.of()
                                .formatHex(mac.doFinal("zena-cluster-token-key".getBytes(StandardCharsets.UTF_8)));
            }
            String key = jwt.publicKey().replaceAll("\\s", "");
            return "rs256:"
                    + HexFormat.of()
                            .formatHex(
                                    MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 and SHA-256 are part of every JDK", e);
        }
    }
}
