package dev.zena.realtime.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zena.realtime.access.Actions;
import dev.zena.realtime.access.Reach;
import dev.zena.realtime.auth.BearerTokens;
import dev.zena.realtime.metrics.Metrics;
import dev.zena.realtime.metrics.WebSocketFigures;
import dev.zena.realtime.protocol.ErrorCode;
import dev.zena.realtime.protocol.WireCodec;
import dev.zena.realtime.store.Permission;
import dev.zena.realtime.store.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * {@code GET /api/metrics/websocket} (SPEC §6 JSON; {@code admin.access}: the caller's tenant only,
 * {@code admin.global}: everything) and {@code GET /metrics} (Prometheus text; {@code admin.global} or the
 * configured metrics token).
 */
public final class MetricsApi implements RouteGroup {

    private final Metrics metrics;
    private final RestAuth auth;
    private final Actions actions;
    private final ObjectMapper mapper;
    private final byte[] metricsToken;

    /** Built once per server; {@code metricsToken} (nullable) also opens {@code GET /metrics}. */
    public MetricsApi(Metrics metrics, RestAuth auth, Actions actions, ObjectMapper mapper, String metricsToken) {
        this.metrics = metrics;
        this.auth = auth;
        this.actions = actions;
        this.mapper = mapper;
        this.metricsToken = metricsToken == null ? null : metricsToken.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/metrics/websocket", this::websocket);
        routes.get("/metrics", this::prometheus);
    }

    private void websocket(Context ctx) {
        User caller = requireCaller(ctx);
        Reach reach = actions.metricsReach(caller);
        if (reach == Reach.NONE) {
            throw forbidden(Permission.ADMIN_ACCESS);
        }
        WebSocketFigures figures = metrics.figures(reach == Reach.EVERY_TENANT ? null : caller.tenantId());
        ObjectNode root = mapper.createObjectNode();
        ObjectNode connections = root.putObject("connections");
        connections.put("total", figures.connections());
        ObjectNode perTenant = connections.putObject("per_tenant");
        figures.perTenant().forEach(perTenant::put);
        rate(root, "messages", figures.messages());
        rate(root, "errors", figures.errors());
        rate(root, "dropped", figures.dropped());
        root.put("timestamp", WireCodec.formatInstant(figures.timestamp()));
        Json.write(ctx, 200, root);
    }

    private void prometheus(Context ctx) {
        String token = BearerTokens.bearer(ctx.header("Authorization"));
        if (token == null || !isMetricsToken(token)) {
            User caller = requireCaller(ctx);
            if (!actions.mayScrapeMetrics(caller)) {
                throw forbidden(Permission.ADMIN_GLOBAL);
            }
        }
        ctx.status(200).contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }

    private User requireCaller(Context ctx) {
        User caller = auth.identify(ctx);
        if (caller == null) {
            throw RestAuth.unauthenticated(ctx);
        }
        return caller;
    }

    private static ApiException forbidden(Permission needed) {
        return ApiException.of(ErrorCode.FORBIDDEN, "No permission for this endpoint (needs " + needed.wireName() + ")");
    }

    private boolean isMetricsToken(String token) {
        return metricsToken != null
                && MessageDigest.isEqual(metricsToken, token.getBytes(StandardCharsets.UTF_8));
    }

    private static void rate(ObjectNode root, String name, WebSocketFigures.Rate rate) {
        root.putObject(name).put("per_second", rate.perSecond()).put("total_today", rate.totalToday());
    }
}
