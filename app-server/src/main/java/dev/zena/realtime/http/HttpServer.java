package dev.zena.realtime.http;

import dev.zena.realtime.config.CorsConfig;
import io.javalin.Javalin;
import io.javalin.config.JettyConfig;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.websocket.WsHandlerType;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The HTTP side of the server: Javalin with the route groups it is handed, the JSON error mapping in one place, on the
 * Jetty it is handed a setup for (which also serves the WebSocket endpoints upgraded below Javalin). Started by the
 * server's wiring.
 */
public final class HttpServer implements AutoCloseable {

    private final Javalin app;
    private final List<String> routesBelowJavalin;

    private HttpServer(Javalin app, List<String> routesBelowJavalin) {
        this.app = app;
        this.routesBelowJavalin = routesBelowJavalin;
    }

    /**
     * Builds the routes and starts listening on {@code host} and {@code port}. {@code jetty} configures the Jetty under
     * Javalin; {@code groups} register their routes in this order; {@code routesBelowJavalin} are the routes served by
     * Jetty's filters rather than by Javalin (as {@code "GET /ws"}), listed by {@link #routes()}.
     */
    public static HttpServer start(
            String host,
            int port,
            Consumer<JettyConfig> jetty,
            HttpErrors errors,
            List<RouteGroup> groups,
            List<String> routesBelowJavalin) {
        return start(host, port, jetty, errors, groups, routesBelowJavalin, new AppCors(CorsConfig.none()));
    }

    /** As {@link #start(String, int, Consumer, HttpErrors, List, List)}, the App API opened to {@code cors}'s origins. */
    public static HttpServer start(
            String host,
            int port,
            Consumer<JettyConfig> jetty,
            HttpErrors errors,
            List<RouteGroup> groups,
            List<String> routesBelowJavalin,
            AppCors cors) {
        Javalin app = Javalin.create(cfg -> {
            cors.register(cfg);
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            jetty.accept(cfg.jetty);
            cfg.routes.exception(ApiException.class, errors::render);
            cfg.routes.exception(HttpResponseException.class, errors::renderJavalin);
            cfg.routes.exception(
                    dev.zena.realtime.broker.BrokerUnavailableException.class, errors::renderBrokerUnavailable);
            cfg.routes.exception(Exception.class, errors::renderUnexpected);
            groups.forEach(group -> group.register(cfg.routes));
        });
        app.start(host, port);
        return new HttpServer(app, List.copyOf(routesBelowJavalin));
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return app.port();
    }

    /**
     * Called by the OpenAPI check: every registered route as {@code "METHOD /path"}, path parameters in braces;
     * a WebSocket endpoint is listed as the {@code GET} of its upgrade.
     */
    public SortedSet<String> routes() {
        SortedSet<String> routes = new TreeSet<>();
        // Only real methods: before/after filters and before-upgrade checks are handlers too, not routes.
        app.unsafe.internalRouter.allHttpHandlers().stream()
                .filter(parsed -> HandlerType.commonHttp().contains(parsed.endpoint.method))
                .forEach(parsed -> routes.add(parsed.endpoint.method.name() + " " + parsed.endpoint.path));
        app.unsafe.internalRouter.allWsHandlers().stream()
                .filter(entry -> entry.getType() == WsHandlerType.WEBSOCKET)
                .forEach(entry -> routes.add("GET " + entry.getPath()));
        routes.addAll(routesBelowJavalin);
        return routes;
    }

    /** Stops listening and closes every socket. */
    @Override
    public void close() {
        app.stop();
    }
}
