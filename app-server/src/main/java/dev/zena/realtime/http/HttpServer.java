package dev.zena.realtime.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zena.realtime.config.ServerConfig;
import dev.zena.realtime.jetty.HttpSocketGuard;
import dev.zena.realtime.jetty.Sessionless;
import dev.zena.realtime.jetty.UpgradeHeadersFilter;
import dev.zena.realtime.jetty.WsUpgradeFilter;
import dev.zena.realtime.publish.PublishApi;
import dev.zena.realtime.rest.AppApi;
import dev.zena.realtime.rest.TaskApi;
import dev.zena.realtime.rest.Views;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.websocket.HandshakeGuard;
import dev.zena.realtime.websocket.WsEndpoint;
import dev.zena.realtime.websocket.WsProtocol;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicBoolean;


/**
 * The HTTP side of the server: Javalin with the {@code /ws} endpoint (upgraded by {@link WsUpgradeFilter}), the health and metrics routes, the App
 * API and the JSON error mapping. Started by {@code server.Server}; the only place (with {@code admin}) that
 * touches Javalin.
 */
public final class HttpServer implements AutoCloseable {

    /** The error code of a handshake refused while the server drains (503). */
    public static final String DRAINING = "DRAINING";
    /** The WebSocket endpoint, served by {@link WsUpgradeFilter} rather than by a Javalin route. */
    public static final String WS_PATH = "/ws";
    /** The admin console's feed, a WebSocket that {@code admin} serves as a Javalin route. */
    static final String ADMIN_FEED_PATH = "/api/v1/admin/feed";

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

    private final Javalin app;
    private final WsEndpoint ws;
    private final AdminMount admin;
    private final HttpSocketGuard sockets;
    private final AtomicBoolean isDraining;

    private HttpServer(Javalin app, WsEndpoint ws, AdminMount admin, HttpSocketGuard sockets,
                       AtomicBoolean isDraining) {
        this.app = app;
        this.ws = ws;
        this.admin = admin;
        this.sockets = sockets;
        this.isDraining = isDraining;
    }

    /** Builds the routes and starts listening on the configured host and port. */
    public static HttpServer start(Services services) {
        ObjectMapper mapper = new ObjectMapper();
        HttpErrors errors = new HttpErrors(mapper);
        AtomicBoolean isDraining = new AtomicBoolean();
        WsProtocol protocol = new WsProtocol(services.codec(), services.validator(), services.policy(),
                services.catalog(), services.hub(), services.store(), services.clock(),
                services.config().limits().channelsPerConnection(),
                (connection, principal) -> services.limits().connections()
                        .admit(connection.id(), principal.tenantId(), principal.userId()),
                services.metrics());
        WsEndpoint ws = new WsEndpoint(services.config(), protocol, services);
        HandshakeGuard guard = new HandshakeGuard(services, new UpgradeRefusal(errors), isDraining::get);
        RestAuth auth = new RestAuth(services.validator(), services.store(), services.limits().rest(),
                services.metrics());
        Views views = new Views(mapper);
        AppApi appApi = new AppApi(services, auth, views);
        TaskApi taskApi = new TaskApi(services, auth, views);
        PublishApi publishApi = new PublishApi(services, mapper);
        AdminMount admin = new AdminMount(services, errors, new UpgradeRefusal(errors));
        HttpSocketGuard sockets = new HttpSocketGuard(services.limits().peerSockets(),
                services.config().limits().headerTimeout(), services.metrics());
        MetricsApi metricsApi = new MetricsApi(services.metrics(), auth, services.store(), mapper,
                services.config().metricsToken());
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            // Javalin's pool grows to 250 threads in a connection storm (one per handshake in flight), each with
            // its stack: capped, the storm queues instead and the server keeps that memory.
            cfg.jetty.threadPool = threadPool(services.config().httpThreads());
            // Our own connector to set the listen backlog (Jetty's default, 0, leaves Java's 50, and a connection
            // storm then loses SYNs to the full accept queue and waits on their 1 s retransmission), and to guard
            // the sockets until their upgrade (ADR 0013).
            cfg.jetty.addConnector((server, httpConfig) -> connector(server, httpConfig, services.config(), sockets));
            // Nothing here uses HTTP sessions: a null cache keeps none.
            cfg.jetty.modifyServletContextHandler(handler -> {
                handler.setSessionHandler(Sessionless.handler());
                // First on every WebSocket endpoint: RFC 6455's checks of the upgrade's key and version.
                FilterHolder headers = new FilterHolder(new UpgradeHeadersFilter(guard));
                handler.addFilter(headers, WS_PATH, EnumSet.of(DispatcherType.REQUEST));
                handler.addFilter(headers, ADMIN_FEED_PATH, EnumSet.of(DispatcherType.REQUEST));
                // /ws is upgraded below Javalin, on Jetty's core WebSocket API, so that nothing of the HTTP
                // request outlives the handshake (ADR 0009).
                handler.addFilter(new FilterHolder(new WsUpgradeFilter(guard, ws)), WS_PATH,
                        EnumSet.of(DispatcherType.REQUEST));
            });
            cfg.routes.exception(ApiException.class, errors::render);
            cfg.routes.exception(HttpResponseException.class, errors::renderJavalin);
            cfg.routes.exception(Exception.class, errors::renderUnexpected);
            cfg.routes.get("/health/live", ctx -> Json.write(ctx, 200, mapper.createObjectNode().put("status", "up")));
            cfg.routes.get("/health/ready", ctx -> ready(ctx, mapper, services.store(), isDraining.get()));
            appApi.register(cfg.routes);
            taskApi.register(cfg.routes);
            publishApi.register(cfg.routes);
            admin.register(cfg.routes);
            metricsApi.register(cfg.routes);
        });
        app.start(services.config().host(), services.config().port());
        return new HttpServer(app, ws, admin, sockets, isDraining);
    }

    private static QueuedThreadPool threadPool(int maxThreads) {
        QueuedThreadPool pool = new QueuedThreadPool(maxThreads, Math.min(8, maxThreads));
        pool.setName("http");
        return pool;
    }

    private static ServerConnector connector(org.eclipse.jetty.server.Server server, HttpConfiguration httpConfig,
                                             ServerConfig config, HttpSocketGuard sockets) {
        HttpConnectionFactory http = new HttpConnectionFactory(httpConfig);
        // On the factory, not the connector: Jetty copies a connector's listeners onto upgraded connections too.
        http.addEventListener(sockets);
        ServerConnector connector = new ServerConnector(server, http);
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setAcceptQueueSize(config.acceptQueue());
        return connector;
    }

    /** {@code GET /health/ready}: 200 when the store answers and the server is not draining, else 503. */
    private static void ready(Context ctx, ObjectMapper mapper, Store store, boolean isDraining) {
        boolean isStoreOk;
        try {
            isStoreOk = store.isReachable();
        } catch (RuntimeException e) {
            LOG.warn("health_store_unreachable", e);
            isStoreOk = false;
        }
        String status = isDraining ? "draining" : isStoreOk ? "ready" : "unavailable";
        Json.write(ctx, !isDraining && isStoreOk ? 200 : 503, mapper.createObjectNode().put("status", status)
                .put("store", isStoreOk ? "ok" : "unreachable"));
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
        routes.add("GET " + WS_PATH);
        return routes;
    }

    /** Called periodically by the server's scheduler. */
    public void sweep() {
        ws.sweep();
        sockets.sweep();
        admin.tick();
    }

    /** Called when shutdown starts: readiness answers 503 and new handshakes are refused with 503. */
    public void startDraining() {
        isDraining.set(true);
    }

    /** True once {@link #startDraining()} was called. */
    public boolean isDraining() {
        return isDraining.get();
    }

    /** Stops listening and closes every socket. */
    @Override
    public void close() {
        app.stop();
        ws.close();
    }
}
