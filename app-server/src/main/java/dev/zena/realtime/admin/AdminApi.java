package dev.zena.realtime.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;

/**
 * The admin API of SPEC §6 at {@code /api/v1/admin/*}: built once by the transport, which registers its routes
 * and calls {@link #tick()} from the server's sweep.
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
    private final AdminFeed feed;

    /**
     * Called once at start-up; registers the feed as a hub listener. {@code addresses} are the checks every
     * handshake of the server passes; {@code refusal} writes the feed's own handshake refusals.
     */
    public AdminApi(AdminServices services, HandshakeRefusal refusal, AddressCheck addresses) {
        AdminAuth auth = new AdminAuth(services.validator(), services.store());
        AdminJson json = new AdminJson(new ObjectMapper());
        this.connections = new ConnectionRoutes(auth, json, services.hub());
        this.events = new EventRoutes(auth, json, connections, services);
        this.access = new AccessRoutes(auth, json, services.store(), services.policy());
        this.channels = new ChannelRoutes(auth, json, services.catalog());
        this.roles = new RoleRoutes(auth, json, services.store());
        this.tokens = new TokenRoutes(auth, json, services);
        this.traffic = new TrafficRoutes(auth, json, services.traffic(), services.clock());
        this.feed = new AdminFeed(auth, json, services, new FeedAdmission(auth, services, addresses, refusal));
        services.hub().addListener(feed);
    }

    /** Called once at start-up with the routes being configured. */
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/admin/connections", connections::list);
        routes.delete("/api/v1/admin/connections/{id}", connections::delete);
        routes.get("/api/v1/admin/traffic", traffic::series);
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
