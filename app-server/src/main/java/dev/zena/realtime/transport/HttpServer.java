package dev.zena.realtime.transport;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;


/**
 * The HTTP side of the server: Javalin with the {@code /ws} endpoint, the health routes and the JSON error
 * mapping. Started by {@code server.Server}; the only place (with {@code admin}) that touches Javalin.
 */
public final class HttpServer implements AutoCloseable {

    private final Javalin app;
    private final WsEndpoint ws;
    private final AdminMount admin;

    private HttpServer(Javalin app, WsEndpoint ws, AdminMount admin) {
        this.app = app;
        this.ws = ws;
        this.admin = admin;
    }

    /** Builds the routes and starts listening on the configured host and port. */
    public static HttpServer start(Services services) {
        ObjectMapper mapper = new ObjectMapper();
        HttpErrors errors = new HttpErrors(mapper);
        WsProtocol protocol = new WsProtocol(services.codec(), services.validator(), services.policy(),
                services.catalog(), services.hub(), services.store(), services.clock(),
                services.config().limits().channelsPerConnection(), (connection, principal, id) -> true);
        WsEndpoint ws = new WsEndpoint(services.config(), protocol, services.hub(), services.validator(),
                services.workers(), services.clock(), services.codec(), new UpgradeRefusal(errors));
        RestAuth auth = new RestAuth(services.validator(), services.store());
        Views views = new Views(mapper);
        AppApi appApi = new AppApi(services, auth, views);
        TaskApi taskApi = new TaskApi(services, auth, views);
        PublishApi publishApi = new PublishApi(services, mapper);
        AdminMount admin = new AdminMount(services, errors, new UpgradeRefusal(errors));
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.routes.exception(ApiException.class, errors::render);
            cfg.routes.exception(HttpResponseException.class, errors::renderJavalin);
            cfg.routes.exception(Exception.class, errors::renderUnexpected);
            cfg.routes.wsBeforeUpgrade("/ws", ws::beforeUpgrade);
            cfg.routes.ws("/ws", ws::configure);
            cfg.routes.get("/health/live", ctx -> Json.write(ctx, 200, mapper.createObjectNode().put("status", "up")));
            appApi.register(cfg.routes);
            taskApi.register(cfg.routes);
            publishApi.register(cfg.routes);
            admin.register(cfg.routes);
        });
        app.start(services.config().host(), services.config().port());
        return new HttpServer(app, ws, admin);
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return app.port();
    }

    /**
     * Called by the OpenAPI check: every registered route as {@code "METHOD /path"}, path parameters in braces;
     * a WebSocket endpoint is listed as the {@code GET} of its upgrade.
     */
    public java.util.SortedSet<String> routes() {
        java.util.SortedSet<String> routes = new java.util.TreeSet<>();
        // Only real methods: before/after filters and before-upgrade checks are handlers too, not routes.
        app.unsafe.internalRouter.allHttpHandlers().stream()
                .filter(parsed -> io.javalin.http.HandlerType.commonHttp().contains(parsed.endpoint.method))
                .forEach(parsed -> routes.add(parsed.endpoint.method.name() + " " + parsed.endpoint.path));
        app.unsafe.internalRouter.allWsHandlers().stream()
                .filter(entry -> entry.getType() == io.javalin.websocket.WsHandlerType.WEBSOCKET)
                .forEach(entry -> routes.add("GET " + entry.getPath()));
        return routes;
    }

    /** Called periodically by the server's scheduler. */
    public void sweep() {
        ws.sweep();
        admin.tick();
    }

    /** Stops listening and closes every socket. */
    @Override
    public void close() {
        app.stop();
    }
}
