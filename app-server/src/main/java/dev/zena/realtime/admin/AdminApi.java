package dev.zena.realtime.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zena.realtime.access.AccessPolicy;
import dev.zena.realtime.access.Actions;
import dev.zena.realtime.access.ChannelCatalog;
import dev.zena.realtime.auth.TokenIssuer;
import dev.zena.realtime.auth.TokenValidator;
import dev.zena.realtime.broker.Broker;
import dev.zena.realtime.config.ServerConfig;
import dev.zena.realtime.hub.Hub;
import dev.zena.realtime.limits.Limits;
import dev.zena.realtime.metrics.Metrics;
import dev.zena.realtime.node.Nodes;
import dev.zena.realtime.store.Store;
import io.javalin.config.RoutesConfig;
import java.time.Clock;

/**
 * The admin API of SPEC §6 at {@code /api/v1/admin/*}: built once by the server's wiring, mounted by the HTTP server
 * (which registers its routes), and ticked by the server's sweep.
 */
public final class AdminApi {

    /** The path of the live feed (a WebSocket). */
    public static final String FEED_PATH = "/api/v1/admin/feed";

    private final ConnectionRoutes connections;
    private final EventRoutes events;
    private final AccessRoutes access;
    private final ChannelRoutes channels;
    private final RoleRoutes roles;
    private final TokenRoutes tokens;
    private final TrafficRoutes traffic;
    private final NodeRoutes nodes;
    private final AdminFeed feed;

    /**
     * Called once at start-up; registers the feed as a hub listener. {@code config} gives the feed its send queue
     * ({@code limits.send_queue_bytes}) and its close grace ({@code heartbeat.timeout}) and the test tokens their
     * signing keys; {@code traffic} may be null (the traffic endpoint then answers 503). {@code limits} and
     * {@code metrics} are the server's own: the feed is a connection like any other, under the same caps and counted
     * in the same figures. {@code addresses} are the checks every handshake of the server passes, {@code refusal}
     * writes the feed's own handshake refusals, and {@code sockets} opens a feed's socket. {@code nodes} is the
     * cluster the connections, traffic and nodes endpoints answer for (this node's answers are registered here).
     */
    public AdminApi(
            ServerConfig config,
            Clock clock,
            Store store,
            TokenValidator validator,
            AccessPolicy policy,
            Actions actions,
            ChannelCatalog catalog,
            Hub hub,
            Broker broker,
            TrafficSource traffic,
            Limits limits,
            Metrics metrics,
            AddressCheck addresses,
            HandshakeRefusal refusal,
            FeedSocket.Opener sockets,
            Nodes nodes) {
        AdminAuth auth = new AdminAuth(validator, store, actions);
        AdminJson json = new AdminJson(new ObjectMapper());
        ClusterQueries cluster = new ClusterQueries(nodes, hub, json, traffic);
        this.connections = new ConnectionRoutes(auth, json, cluster);
        this.events = new EventRoutes(auth, json, catalog, policy, broker, hub, clock, cluster);
        this.access = new AccessRoutes(
                auth,
                json,
                store,
                policy,
                new dev.zena.realtime.pusher.LaravelChannels(config.laravel().channels(), catalog, policy));
        this.channels = new ChannelRoutes(auth, json, catalog);
        this.roles = new RoleRoutes(auth, json, store);
        this.tokens = new TokenRoutes(auth, json, store, new TokenIssuer(config.jwt(), clock), validator, actions);
        this.traffic = new TrafficRoutes(auth, json, traffic, clock, cluster);
        this.nodes = new NodeRoutes(auth, json, cluster);
        this.feed = new AdminFeed(
                json,
                hub,
                clock,
                traffic,
                metrics,
                config.limits().sendQueueBytes(),
                new FeedAdmission(auth, store, limits, metrics, addresses, refusal),
                new FeedRecheck(auth, store, clock, config.heartbeat().timeout()),
                sockets,
                cluster);
        hub.addListener(feed);
    }

    /** Called once at start-up with the routes being configured. */
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/admin/connections", connections::list);
        routes.delete("/api/v1/admin/connections/{id}", connections::delete);
        routes.get("/api/v1/admin/traffic", traffic::series);
        routes.get("/api/v1/admin/nodes", nodes::list);
        routes.post("/api/v1/admin/events", events::send);
        routes.post("/api/v1/admin/permissions/check", access::check);
        routes.get("/api/v1/admin/channels", channels::list);
        routes.get("/api/v1/admin/roles", roles::list);
        routes.put("/api/v1/admin/roles/{role}", roles::replace);
        routes.post("/api/v1/admin/tokens", tokens::issue);
        routes.wsBeforeUpgrade(FEED_PATH, feed::beforeUpgrade);
        routes.ws(FEED_PATH, feed::configure);
    }

    /** Called by the server's sweep, several times a second. */
    public void tick() {
        feed.tick();
    }
}
