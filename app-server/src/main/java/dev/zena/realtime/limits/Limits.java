package dev.zena.realtime.limits;

import dev.zena.realtime.config.LimitsConfig;
import dev.zena.realtime.config.ServerConfig;
import io.github.bucket4j.TimeMeter;

import java.time.Clock;

/** Every limit of SPEC §5 of one server, built once from the configuration and shared by the transports. */
public final class Limits {

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

    private Limits(ServerConfig config, TimeMeter meter) {
        LimitsConfig limits = config.limits();
        this.meter = meter;
        this.perConnection = Rate.perSecond(limits.messagesPerConnection());
        this.tenantMessages = new KeyedBuckets(Rate.perSecond(limits.messagesPerTenant()), meter);
        this.connections = new ConnectionCaps(limits.connectionsPerTenant(), limits.connectionsPerUser());
        this.addresses = new AddressCaps(new KeyedBuckets(Rate.perSecond(limits.handshakesPerIp()), meter),
                limits.connectionsPerIp());
        this.feeds = new FeedCaps(limits.adminFeedsPerUser(), meter);
        this.clientAddresses = new ClientAddresses(config.trustedProxies());
        this.peerSockets = new PeerSockets(limits.connectionsPerIp(), clientAddresses);
        this.origins = new OriginPolicy(config.allowedOrigins());
        this.rest = new KeyedRate(Limit.REST_PER_USER,
                new KeyedBuckets(Rate.perMinute(limits.restPerUserPerMinute()), meter));
        this.publish = new KeyedRate(Limit.PUBLISH_PER_KEY,
                new KeyedBuckets(Rate.perSecond(limits.publishPerKey()), meter));
        this.recentAbuse = new RecentAbuse(meter);
    }

    /** Called once by the server at start-up; every bucket is timed by {@code clock}. */
    public static Limits of(ServerConfig config, Clock clock) {
        return new Limits(config, new ClockTimeMeter(clock));
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
}
