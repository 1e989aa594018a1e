package dev.zena.realtime.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zena.realtime.hub.Connection;
import dev.zena.realtime.hub.Hub;
import dev.zena.realtime.hub.HubListener;
import dev.zena.realtime.metrics.DropCause;
import dev.zena.realtime.metrics.Metrics;
import dev.zena.realtime.protocol.CloseCode;
import io.javalin.http.Context;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/admin/feed}, a WebSocket that pushes {@code connection_opened} when a connection
 * authenticates, {@code connection_closed} when it closes, and one {@code traffic} tick per second, each only to
 * feeds whose caller may see the tenant. A connection is announced when the hub reports its authentication or,
 * at the latest, at the first {@link #tick()} of the next second; it is announced once, and its close only if it
 * was announced. The feed is a connection like any other: admitted by {@link FeedAdmission}, re-checked live by
 * {@link FeedRecheck}, and sent to through a bounded queue ({@link FeedSession}).
 */
final class AdminFeed implements HubListener {

    private static final Logger LOG = LoggerFactory.getLogger(AdminFeed.class);

    private final AdminJson json;
    private final Hub hub;
    private final Clock clock;
    private final TrafficSource traffic;
    private final Metrics metrics;
    private final long queueLimitBytes;
    private final FeedAdmission admission;
    private final FeedRecheck recheck;
    private final FeedSocket.Opener sockets;
    private final Map<String, FeedSession> sessions = new ConcurrentHashMap<>();
    private final Set<String> announced = ConcurrentHashMap.newKeySet();
    private final ClusterQueries cluster;
    /**
     * Gathers the cluster's traffic of each second off the ticker (a silent node holds a question up to 2 s): one
     * thread at most, none while idle; a tick that finds it still busy with the previous one is skipped, not queued.
     */
    private final ThreadPoolExecutor ticks =
            new ThreadPoolExecutor(0, 1, 5, TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "zena-feed-traffic");
                thread.setDaemon(true);
                return thread;
            });

    private long lastTickSecond;

    AdminFeed(
            AdminJson json,
            Hub hub,
            Clock clock,
            TrafficSource traffic,
            Metrics metrics,
            long queueLimitBytes,
            FeedAdmission admission,
            FeedRecheck recheck,
            FeedSocket.Opener sockets,
            ClusterQueries cluster) {
        this.cluster = cluster;
        this.json = json;
        this.hub = hub;
        this.clock = clock;
        this.traffic = traffic;
        this.metrics = metrics;
        this.queueLimitBytes = queueLimitBytes;
        this.admission = admission;
        this.recheck = recheck;
        this.sockets = sockets;
        this.lastTickSecond = clock.instant().getEpochSecond();
    }

    /** Called before every upgrade of the feed (see {@link FeedAdmission#beforeUpgrade}). */
    void beforeUpgrade(Context ctx) {
        admission.beforeUpgrade(ctx);
    }

    /** Called once at start-up to attach the socket handlers. */
    void configure(WsConfig ws) {
        ws.onConnect(this::open);
        ws.onClose(ctx -> {
            FeedSession session = sessions.remove(ctx.sessionId());
            if (session != null) {
                admission.closed(session.admitted());
                LOG.info(
                        "admin_feed_close by={} remote={} code={}",
                        session.caller().user().id(),
                        session.remote(),
                        ctx.status());
            }
        });
        ws.onError(ctx -> LOG.debug("admin_feed_error", ctx.error()));
    }

    private void open(WsConnectContext ctx) {
        FeedAdmission.Admitted admitted = admission.admitted(ctx);
        AdminCaller caller = admitted.caller();
        FeedSession session = new FeedSession(
                sockets.open(ctx),
                admitted,
                queueLimitBytes,
                n -> metrics.dropped(caller.user().tenantId(), DropCause.SEND_QUEUE, n),
                clock);
        sessions.put(ctx.sessionId(), session);
        if (!admission.opened(admitted)) {
            session.close(CloseCode.CONNECTION_LIMIT.code(), CloseCode.CONNECTION_LIMIT.reason());
            return;
        }
        LOG.info("admin_feed_open by={} scope={} remote={}", caller.user().id(), caller.scope(), admitted.remote());
        session.send(json.object()
                .put("type", "hello")
                .put("scope", caller.scope())
                .put("timestamp", now())
                .toString());
    }

    @Override
    public void authenticated(Connection connection) {
        announce(connection);
    }

    @Override
    public void closed(Connection connection, int closeCode) {
        synchronized (announced) {
            if (!announced.remove(connection.id()) || sessions.isEmpty()) {
                return;
            }
            ObjectNode message = json.object()
                    .put("type", "connection_closed")
                    .put("connection_id", connection.id())
                    .put("tenant_id", connection.tenantId())
                    .put(
                            "user_id",
                            connection.isAuthenticated()
                                    ? connection.principal().userId()
                                    : null)
                    .put("code", closeCode)
                    .put("timestamp", now());
            broadcast(connection.tenantId(), message.toString());
        }
    }

    /**
     * Called by the server's ticker several times a second: the live re-check of the open feeds first (so that a
     * feed that lost access gets nothing more), then, on a new second, late announcements and the traffic tick.
     */
    void tick() {
        recheck.run(sessions.values());
        long second = clock.instant().getEpochSecond();
        if (second > lastTickSecond) {
            lastTickSecond = second;
            // The late announcements visit every connection: once a second, not at every tick.
            hub.forEachConnection(c -> {
                if (c.isAuthenticated() && !announced.contains(c.id())) {
                    announce(c);
                }
            });
            trafficTick(Instant.ofEpochSecond(second));
        }
    }

    private void announce(Connection connection) {
        synchronized (announced) {
            if (hub.connection(connection.id()).isEmpty() || !announced.add(connection.id()) || sessions.isEmpty()) {
                return; // with no feed open, remembering the announcement is enough: nothing to build
            }
            ObjectNode message = json.object().put("type", "connection_opened");
            message.set("connection", json.connection(connection).put("node", cluster.selfId()));
            message.put("timestamp", now());
            broadcast(connection.tenantId(), message.toString());
        }
    }

    /** Called on a new second: the last whole second's traffic of every node, summed, to each open feed. */
    private void trafficTick(Instant end) {
        if (traffic == null || sessions.isEmpty()) {
            return;
        }
        try {
            ticks.execute(() -> sendTraffic(end));
        } catch (RejectedExecutionException e) {
            LOG.debug("feed_traffic_skipped second={} reason=previous_still_gathering", end);
        }
    }

    private void sendTraffic(Instant end) {
        ClusterQueries.Gathered gathered = cluster.ask(
                ClusterQueries.TRAFFIC,
                json.object().put("scope", "*").put("end", end.getEpochSecond()).put("seconds", 1));
        List<ObjectNode> series = ClusterQueries.summed(gathered.byNode().values());
        for (FeedSession session : sessions.values()) {
            ObjectNode message =
                    json.object().put("type", "traffic").put("second", AdminJson.instant(end.minusSeconds(1)));
            ObjectNode tenants = message.putObject("tenants");
            series.stream()
                    .filter(s -> session.caller().sees(s.path("tenant_id").asText()))
                    .forEach(s -> tenants.putObject(s.path("tenant_id").asText())
                            .put("messages_in", s.path("messages_in").path(0).asLong())
                            .put("messages_out", s.path("messages_out").path(0).asLong())
                            .put("errors", s.path("errors").path(0).asLong())
                            .put("dropped", s.path("dropped").path(0).asLong())
                            .put("connections", s.path("connections").path(0).asLong()));
            gathered.describe(message);
            message.put("timestamp", now());
            session.send(message.toString());
        }
    }

    private void broadcast(String tenantId, String text) {
        Predicate<FeedSession> sees = s -> s.caller().sees(tenantId);
        sessions.values().stream().filter(sees).forEach(s -> s.send(text));
    }

    private String now() {
        return AdminJson.instant(clock.instant());
    }
}
