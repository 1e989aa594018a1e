package dev.zena.realtime.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zena.realtime.hub.Connection;
import dev.zena.realtime.hub.Hub;
import dev.zena.realtime.hub.HubListener;
import dev.zena.realtime.protocol.CloseCode;
import io.javalin.http.Context;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
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
 * at the latest, at the next {@link #tick()}; it is announced once, and its close only if it was announced.
 */
final class AdminFeed implements HubListener {

    private static final Logger LOG = LoggerFactory.getLogger(AdminFeed.class);
    private static final String CALLER = "zena.admin.caller";

    private final AdminAuth auth;
    private final AdminJson json;
    private final Hub hub;
    private final Clock clock;
    private final TrafficSource traffic;
    private final HandshakeRefusal refusal;
    private final Map<String, FeedSession> sessions = new ConcurrentHashMap<>();
    private final Set<String> announced = ConcurrentHashMap.newKeySet();
    private long lastTickSecond;

    AdminFeed(AdminAuth auth, AdminJson json, AdminServices services, HandshakeRefusal refusal) {
        this.auth = auth;
        this.json = json;
        this.hub = services.hub();
        this.clock = services.clock();
        this.traffic = services.traffic();
        this.refusal = refusal;
        this.lastTickSecond = clock.instant().getEpochSecond();
    }

    /** One open feed and the caller it speaks to; sends are serialised per socket. */
    private record FeedSession(WsContext ctx, AdminCaller caller) {
        void send(String text) {
            synchronized (this) {
                ctx.send(text);
            }
        }
    }

    /** Called before every upgrade of the feed: 401 without a valid token, 403 without admin access. */
    void beforeUpgrade(Context ctx) {
        try {
            ctx.attribute(CALLER, auth.requireAtHandshake(ctx));
        } catch (AdminRefusal e) {
            LOG.info("admin_feed_denied remote={} status={}", ctx.ip(), e.status());
            throw refusal.refuse(ctx, e);
        }
    }

    /** Called once at start-up to attach the socket handlers. */
    void configure(WsConfig ws) {
        ws.onConnect(ctx -> {
            AdminCaller caller = ctx.attribute(CALLER);
            ctx.session.setIdleTimeout(Duration.ZERO);
            FeedSession session = new FeedSession(ctx, caller);
            sessions.put(ctx.sessionId(), session);
            LOG.info("admin_feed_open by={} scope={}", caller.user().id(), caller.scope());
            session.send(json.object().put("type", "hello").put("scope", caller.scope()).put("timestamp", now())
                    .toString());
        });
        ws.onClose(ctx -> sessions.remove(ctx.sessionId()));
        ws.onError(ctx -> LOG.debug("admin_feed_error", ctx.error()));
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

    /** Called several times a second: late announcements, expired feeds, and the traffic tick of a new second. */
    void tick() {
        hub.forEachConnection(c -> {
            if (c.isAuthenticated() && !announced.contains(c.id())) {
                announce(c);
            }
        });
        Instant now = clock.instant();
        sessions.values().stream().filter(s -> !s.caller().expiresAt().isAfter(now))
                .forEach(s -> s.ctx().closeSession(CloseCode.ACCESS_REVOKED.code(), "token_expired"));
        long second = now.getEpochSecond();
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
