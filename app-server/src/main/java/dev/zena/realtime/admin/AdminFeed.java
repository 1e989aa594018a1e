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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * {@code GET /api/v1/admin/feed}, a WebSocket that pushes {@code connection_opened} when a connection
 * authenticates, {@code connection_closed} when it closes, and one {@code traffic} tick per second, each only to
 * feeds whose caller may see the tenant. A connection is announced when the hub reports its authentication or,
 * at the latest, at the next {@link #tick()}; it is announced once, and its close only if it was announced. The feed
 * is a connection like any other: admitted by {@link FeedAdmission}, re-checked live by {@link FeedRecheck}, and
 * sent to through a bounded queue ({@link FeedSession}).
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
    private long lastTickSecond;

    AdminFeed(AdminJson json, Hub hub, Clock clock, TrafficSource traffic, Metrics metrics, long queueLimitBytes,
              FeedAdmission admission, FeedRecheck recheck, FeedSocket.Opener sockets) {
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
                LOG.info("admin_feed_close by={} remote={} code={}", session.caller().user().id(), session.remote(),
                        ctx.status());
            }
        });
        ws.onError(ctx -> LOG.debug("admin_feed_error", ctx.error()));
    }

    private void open(WsConnectContext ctx) {
        FeedAdmission.Admitted admitted = admission.admitted(ctx);
        AdminCaller caller = admitted.caller();
        FeedSession session = new FeedSession(sockets.open(ctx), admitted, queueLimitBytes,
                n -> metrics.dropped(caller.user().tenantId(), DropCause.SEND_QUEUE, n), clock);
        sessions.put(ctx.sessionId(), session);
        if (!admission.opened(admitted)) {
            session.close(CloseCode.CONNECTION_LIMIT.code(), CloseCode.CONNECTION_LIMIT.reason());
            return;
        }
        LOG.info("admin_feed_open by={} scope={} remote={}", caller.user().id(), caller.scope(), admitted.remote());
        session.send(json.object().put("type", "hello").put("scope", caller.scope()).put("timestamp", now())
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
            ObjectNode message = json.object().put("type", "connection_closed").put("connection_id", connection.id())
                    .put("tenant_id", connection.tenantId())
                    .put("user_id", connection.isAuthenticated() ? connection.principal().userId() : null)
                    .put("code", closeCode).put("timestamp", now());
            broadcast(connection.tenantId(), message.toString());
        }
    }

    /**
     * Called by the server's ticker several times a second: the live re-check of the open feeds first (so that a
     * feed that lost access gets nothing more), then late announcements and the traffic tick of a new second.
     */
    void tick() {
        recheck.run(sessions.values());
        hub.forEachConnection(c -> {
            if (c.isAuthenticated() && !announced.contains(c.id())) {
                announce(c);
            }
        });
        long second = clock.instant().getEpochSecond();
        if (second > lastTickSecond) {
            lastTickSecond = second;
            trafficTick(Instant.ofEpochSecond(second));
        }
    }

    private void announce(Connection connection) {
        synchronized (announced) {
            if (hub.connection(connection.id()).isEmpty() || !announced.add(connection.id()) || sessions.isEmpty()) {
                return; // with no feed open, remembering the announcement is enough: nothing to build
            }
            ObjectNode message = json.object().put("type", "connection_opened");
            message.set("connection", json.connection(connection));
            message.put("timestamp", now());
            broadcast(connection.tenantId(), message.toString());
        }
    }

    private void trafficTick(Instant end) {
        if (traffic == null || sessions.isEmpty()) {
            return;
        }
        List<TenantSeries> series = traffic.lastSeconds(end, 1, null);
        for (FeedSession session : sessions.values()) {
            ObjectNode message = json.object().put("type", "traffic")
                    .put("second", AdminJson.instant(end.minusSeconds(1)));
            ObjectNode tenants = message.putObject("tenants");
            series.stream().filter(s -> session.caller().sees(s.tenantId())).forEach(s -> tenants.putObject(
                    s.tenantId()).put("messages_in", s.messagesIn().get(0)).put("messages_out", s.messagesOut().get(0))
                    .put("errors", s.errors().get(0)).put("dropped", s.dropped().get(0))
                    .put("connections", s.connections().get(0)));
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
