package dev.zena.realtime.jetty;

import dev.zena.realtime.config.ServerConfig;
import dev.zena.realtime.handshake.UpgradeHeaders;
import dev.zena.realtime.http.UpgradeRefusal;
import dev.zena.realtime.websocket.HandshakeGuard;
import dev.zena.realtime.websocket.WsEndpoint;
import io.javalin.config.JettyConfig;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The Jetty under Javalin: its thread pool, its connector (listen backlog, and the guard of the sockets until their
 * upgrade), no HTTP sessions, the upgrade of {@code /ws} and the Pusher {@code /app/*} on Jetty's core API in front
 * of Javalin ({@link WsUpgradeHandler}, ADRs 0009 and 0038), and the RFC 6455 header checks as a servlet filter on the
 * WebSocket endpoints Javalin serves itself (the admin feed). Handed to the HTTP server, which applies it to Javalin's
 * Jetty configuration once, at start-up.
 */
public final class JettySetup implements Consumer<JettyConfig> {

    private final ServerConfig config;
    private final HttpSocketGuard sockets;
    private final UpgradeHeadersFilter headers;
    private final List<String> webSocketPaths;
    private final UpgradeHeaders upgradeHeaders;
    private final HandshakeGuard guard;
    private final UpgradeRefusal refusal;
    /** The WebSocket endpoints upgraded in front of Javalin by servlet path spec: /ws, then the Pusher /app/*. */
    private final java.util.Map<String, WsEndpoint> upgraded = new java.util.LinkedHashMap<>();

    /**
     * Built once per server. {@code webSocketPaths} are the paths of the WebSocket endpoints Javalin serves (the admin
     * feed): each gets the header checks of {@code headers} as a servlet filter. {@code /ws} is upgraded in front of
     * Javalin, after the same checks, by {@code endpoint} once {@code guard} admitted it. Refusals are written by
     * {@code refusal}.
     */
    public JettySetup(
            ServerConfig config,
            HttpSocketGuard sockets,
            UpgradeHeaders headers,
            List<String> webSocketPaths,
            HandshakeGuard guard,
            WsEndpoint endpoint,
            UpgradeRefusal refusal) {
        this.config = config;
        this.sockets = sockets;
        this.headers = new UpgradeHeadersFilter(headers, refusal);
        this.webSocketPaths = List.copyOf(webSocketPaths);
        this.upgradeHeaders = headers;
        this.upgraded.put(WsEndpoint.PATH, endpoint);
        this.guard = guard;
        this.refusal = refusal;
    }

    /**
     * Called by the wiring before the server starts: another WebSocket endpoint at {@code pathSpec} (a servlet
     * path spec such as {@code /app/*}), with the header checks and handshake guard of {@code /ws}.
     */
    public JettySetup withEndpoint(String pathSpec, WsEndpoint endpoint) {
        upgraded.put(pathSpec, endpoint);
        return this;
    }

    /** Called once by the HTTP server while Javalin is configured. */
    @Override
    public void accept(JettyConfig jetty) {
        // Javalin's pool grows to 250 threads in a connection storm (one per handshake in flight), each with its
        // stack: capped, the storm queues instead and the server keeps that memory.
        jetty.threadPool = threadPool(config.httpThreads());
        // Our own connector to set the listen backlog (Jetty's default, 0, leaves Java's 50, and a connection storm
        // then loses SYNs to the full accept queue and waits on their 1 s retransmission), and to guard the sockets
        // until their upgrade (ADR 0013).
        jetty.addConnector(this::connector);
        // The WebSocket endpoints are upgraded in front of everything else (ADR 0038): a handshake then costs no
        // servlet request, session wrapper or statistics of its own. Javalin puts its context inside, at the
        // innermost wrapper.
        jetty.modifyServer(server -> {
            WsUpgradeHandler upgrades = new WsUpgradeHandler(upgradeHeaders, guard, refusal, upgraded);
            upgrades.setHandler(server.getHandler());
            server.setHandler(upgrades);
        });
        jetty.modifyServletContextHandler(handler -> {
            // Nothing here uses HTTP sessions: a null cache keeps none.
            handler.setSessionHandler(Sessionless.handler());
            // First on every WebSocket endpoint Javalin serves: RFC 6455's checks of the upgrade's key and version.
            FilterHolder headerChecks = new FilterHolder(headers);
            for (String path : webSocketPaths) {
                handler.addFilter(headerChecks, path, EnumSet.of(DispatcherType.REQUEST));
            }
        });
    }

    private static QueuedThreadPool threadPool(int maxThreads) {
        QueuedThreadPool pool = new QueuedThreadPool(maxThreads, Math.min(8, maxThreads));
        pool.setName("http");
        return pool;
    }

    private ServerConnector connector(Server server, HttpConfiguration httpConfig) {
        HttpConnectionFactory http = new HttpConnectionFactory(httpConfig);
        // On the factory, not the connector: Jetty copies a connector's listeners onto upgraded connections too.
        http.addEventListener(sockets);
        ServerConnector connector = new ServerConnector(server, http);
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setAcceptQueueSize(config.acceptQueue());
        return connector;
    }
}
