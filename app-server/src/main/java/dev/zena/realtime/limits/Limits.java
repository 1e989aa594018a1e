package dev.zena.realtime.limits;

import dev.zena.realtime.broker.RedisLink;
import dev.zena.realtime.config.LimitsConfig;
import dev.zena.realtime.config.ServerConfig;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every limit of SPEC §5 of one server, built once from the configuration and shared by the transports. In one
 * process ({@link #of}) every limit is counted in memory; in a cluster ({@link #clusterWide}) the connection caps
 * per user and per tenant and the REST and publish rates are counted in Redis for every node (SPEC §11), the rest
 * stays per node.
 */
public final class Limits implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Limits.class);

    private final TimeMeter meter;
    private final Rate perConnection;
    private final KeyedBuckets tenantMessages;
    private final ConnectionCaps connections;
    private final AddressCaps addresses;
    private final PeerSockets peerSockets;
    private final FeedCaps feeds;
    private final ClientAddresses clientAddresses;
    private final OriginPolicy origins;
    private final KeyedRate rest;
    private final KeyedRate publish;
    private final RecentAbuse recentAbuse;
    private final List<AutoCloseable> shared;

    private Limits(
            ServerConfig config,
            TimeMeter meter,
            ConnectionCaps connections,
            KeyedRate rest,
            KeyedRate publish,
            List<AutoCloseable> shared) {
        LimitsConfig limits = config.limits();
        this.meter = meter;
        this.perConnection = Rate.perSecond(limits.messagesPerConnection());
        this.tenantMessages = new KeyedBuckets(Rate.perSecond(limits.messagesPerTenant()), meter);
        this.connections = connections;
        this.addresses = new AddressCaps(
                new KeyedBuckets(Rate.perSecond(limits.handshakesPerIp()), meter), limits.connectionsPerIp());
        this.feeds = new FeedCaps(limits.adminFeedsPerUser(), meter);
        this.clientAddresses = new ClientAddresses(config.trustedProxies());
        this.peerSockets = new PeerSockets(limits.connectionsPerIp(), clientAddresses);
        this.origins = new OriginPolicy(config.allowedOrigins());
        this.rest = rest;
        this.publish = publish;
        this.recentAbuse = new RecentAbuse(meter);
        this.shared = shared;
    }

    /** Called once by a server of one process at start-up; every bucket is timed by {@code clock}. */
    public static Limits of(ServerConfig config, Clock clock) {
        TimeMeter meter = new ClockTimeMeter(clock);
        LimitsConfig limits = config.limits();
        return new Limits(
                config,
                meter,
                new MemoryConnectionCaps(limits.connectionsPerTenant(), limits.connectionsPerUser()),
                new MemoryKeyedRate(Limit.REST_PER_USER, new KeyedBuckets(restRate(limits), meter)),
                new MemoryKeyedRate(Limit.PUBLISH_PER_KEY, new KeyedBuckets(publishRate(limits), meter)),
                List.of());
    }

    /**
     * Called once by a node of a cluster at start-up: the caps per user and per tenant and the REST and publish
     * rates are shared with every node through {@code link} (ADR 0019); closed before the link.
     *
     * @throws dev.zena.realtime.broker.BrokerUnavailableException when Redis cannot be reached now
     */
    public static Limits clusterWide(ServerConfig config, Clock clock, RedisLink link, String nodeId) {
        TimeMeter meter = new ClockTimeMeter(clock);
        LimitsConfig limits = config.limits();
        List<AutoCloseable> built = new ArrayList<>();
        try {
            RedisConnectionCaps connections = add(
                    built,
                    new RedisConnectionCaps(
                            link,
                            nodeId,
                            limits.connectionsPerTenant(),
                            limits.connectionsPerUser(),
                            RedisConnectionCaps.LEASE_TTL));
            RedisKeyedRate rest = add(built, new RedisKeyedRate(Limit.REST_PER_USER, restRate(limits), link, meter));
            RedisKeyedRate publish =
                    add(built, new RedisKeyedRate(Limit.PUBLISH_PER_KEY, publishRate(limits), link, meter));
            return new Limits(config, meter, connections, rest, publish, List.copyOf(built));
        } catch (RuntimeException e) {
            closeAll(built);
            throw e;
        }
    }

    private static Rate restRate(LimitsConfig limits) {
        return Rate.perMinute(limits.restPerUserPerMinute());
    }

    private static Rate publishRate(LimitsConfig limits) {
        return Rate.perSecond(limits.publishPerKey());
    }

    private static <T extends AutoCloseable> T add(List<AutoCloseable> built, T part) {
        built.add(part);
        return part;
    }

    /** Called when a socket opens: the message rates of that connection (sharing its tenant's bucket). */
    public InboundRate newInboundRate() {
        return new InboundRate(perConnection.newBucket(meter), tenantMessages, meter, recentAbuse);
    }

    /** Authenticated connections per tenant and per user. */
    public ConnectionCaps connections() {
        return connections;
    }

    /** Handshakes and open connections per client address. */
    public AddressCaps addresses() {
        return addresses;
    }

    /** Open sockets not upgraded to WebSocket per peer address. */
    public PeerSockets peerSockets() {
        return peerSockets;
    }

    /** Open admin feeds per user. */
    public FeedCaps feeds() {
        return feeds;
    }

    /** Trusted-proxy resolution of the client address. */
    public ClientAddresses clientAddresses() {
        return clientAddresses;
    }

    /** The browser origin allow-list. */
    public OriginPolicy origins() {
        return origins;
    }

    /** REST requests per user per minute, after authentication. */
    public KeyedRate rest() {
        return rest;
    }

    /** Publish/sync requests per server key per second (for the publish API). */
    public KeyedRate publish() {
        return publish;
    }

    /** Called periodically by the server: forgets per-key buckets idle for a whole period (bounded memory). */
    public void evictIdle() {
        recentAbuse.evictIdle();
        tenantMessages.evictIdle();
        addresses.evictIdle();
        feeds.evictIdle();
        rest.evictIdle();
        publish.evictIdle();
    }

    /** Called at shutdown, after every connection closed and before the cluster's Redis link: gives back shares. */
    @Override
    public void close() {
        closeAll(shared);
    }

    private static void closeAll(List<AutoCloseable> parts) {
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).close();
            } catch (Exception e) {
                LOG.warn("limits_close_failed part={}", parts.get(i).getClass().getSimpleName(), e);
            }
        }
    }
}
