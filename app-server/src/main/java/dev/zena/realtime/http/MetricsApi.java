package dev.zena.realtime.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zena.realtime.access.Actions;
import dev.zena.realtime.access.Reach;
import dev.zena.realtime.auth.BearerTokens;
import dev.zena.realtime.metrics.Metrics;
import dev.zena.realtime.metrics.WebSocketFigures;
import dev.zena.realtime.node.Answers;
import dev.zena.realtime.node.Nodes;
import dev.zena.realtime.protocol.ErrorCode;
import dev.zena.realtime.protocol.WireCodec;
import dev.zena.realtime.store.Permission;
import dev.zena.realtime.store.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Iterator;
import java.util.Map;

/**
 * {@code GET /api/metrics/websocket} (SPEC §6 JSON; {@code admin.access}: the caller's tenant only,
 * {@code admin.global}: everything) and {@code GET /metrics} (Prometheus text; {@code admin.global} or the
 * configured metrics token). The JSON answers for every node of the cluster (SPEC §11 item 4): each node gives its
 * own figures and this one sums them, {@code "partial":true} with {@code "nodes_missing"} when a node did not answer;
 * the Prometheus text is this node's alone (a scraper scrapes every node, told apart by the label {@code node}).
 */
public final class MetricsApi implements RouteGroup {

    /** The question every node answers with its own figures. */
    static final String FIGURES = "metrics.figures";

    private final Metrics metrics;
    private final RestAuth auth;
    private final Actions actions;
    private final ObjectMapper mapper;
    private final byte[] metricsToken;
    private final Nodes nodes;

    /**
     * Built once per server, before its node joins the cluster (this node's answer is registered here);
     * {@code metricsToken} (nullable) also opens {@code GET /metrics}.
     */
    public MetricsApi(
            Metrics metrics, RestAuth auth, Actions actions, ObjectMapper mapper, String metricsToken, Nodes nodes) {
        this.nodes = nodes;
        nodes.answer(FIGURES, this::localFigures);
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
        ObjectNode question = mapper.createObjectNode();
        question.put("tenant", reach == Reach.EVERY_TENANT ? null : caller.tenantId());
        Answers answers = nodes.ask(FIGURES, question.toString());
        ObjectNode root = null;
        for (String answer : answers.byNode().values()) {
            ObjectNode figures = (ObjectNode) read(answer);
            if (root == null) {
                root = figures; // this node's, first: its timestamp stands for the sum
            } else {
                add(root, figures);
            }
        }
        root.put("partial", answers.isPartial());
        answers.missing().forEach(root.putArray("nodes_missing")::add);
        Json.write(ctx, 200, root);
    }

    /** This node's own figures, in the JSON form of SPEC §6, for the tenant asked (null: every tenant). */
    private String localFigures(String body) {
        JsonNode question = read(body);
        String tenant =
                question.path("tenant").isTextual() ? question.path("tenant").asText() : null;
        WebSocketFigures figures = metrics.figures(tenant);
        ObjectNode root = mapper.createObjectNode();
        ObjectNode connections = root.putObject("connections");
        connections.put("total", figures.connections());
        ObjectNode perTenant = connections.putObject("per_tenant");
        figures.perTenant().forEach(perTenant::put);
        rate(root, "messages", figures.messages());
        rate(root, "errors", figures.errors());
        rate(root, "dropped", figures.dropped());
        root.put("timestamp", WireCodec.formatInstant(figures.timestamp()));
        return root.toString();
    }

    /** Adds another node's figures to the sum: counts and rates add up, per tenant too. */
    private static void add(ObjectNode sum, JsonNode other) {
        ObjectNode connections = (ObjectNode) sum.get("connections");
        connections.put(
                "total",
                connections.path("total").asLong()
                        + other.path("connections").path("total").asLong());
        ObjectNode perTenant = (ObjectNode) connections.get("per_tenant");
        for (Iterator<Map.Entry<String, JsonNode>> it =
                        other.path("connections").path("per_tenant").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> tenant = it.next();
            perTenant.put(
                    tenant.getKey(),
                    perTenant.path(tenant.getKey()).asLong() + tenant.getValue().asLong());
        }
        for (String name : new String[] {"messages", "errors", "dropped"}) {
            ObjectNode rate = (ObjectNode) sum.get(name);
            rate.put(
                    "per_second",
                    rate.path("per_second").asDouble()
                            + other.path(name).path("per_second").asDouble());
            rate.put(
                    "total_today",
                    rate.path("total_today").asLong()
                            + other.path(name).path("total_today").asLong());
        }
    }

    private JsonNode read(String text) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a node sent unreadable JSON", e);
        }
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
        return ApiException.of(
                ErrorCode.FORBIDDEN, "No permission for this endpoint (needs " + needed.wireName() + ")");
    }

    private boolean isMetricsToken(String token) {
        return metricsToken != null && MessageDigest.isEqual(metricsToken, token.getBytes(StandardCharsets.UTF_8));
    }

    private static void rate(ObjectNode root, String name, WebSocketFigures.Rate rate) {
        root.putObject(name).put("per_second", rate.perSecond()).put("total_today", rate.totalToday());
    }
}
