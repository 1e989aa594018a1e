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

    private HttpServer(Javalin app, WsEndpoint ws) {
        this.app = app;
        this.ws = ws;
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
        });
        app.start(services.config().host(), services.config().port());
        return new HttpServer(app, ws);
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return app.port();
    }

    /** Called periodically by the server's scheduler. */
    public void sweep() {
        ws.sweep();
    }

    /** Stops listening and closes every socket. */
    @Override
    public void close() {
        app.stop();
    }
}
