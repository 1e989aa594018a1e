package dev.zena.realtime.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zena.realtime.hub.Connection;
import dev.zena.realtime.hub.Hub;
import dev.zena.realtime.log.LogText;
import dev.zena.realtime.node.Answers;
import dev.zena.realtime.node.Nodes;
import dev.zena.realtime.protocol.CloseCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API's questions to every node of the cluster (SPEC §11 item 4) and this node's answers to them: its
 * live connections, a disconnect, its traffic series and its connection count ({@link EventRoutes} answers the
 * test event to one connection itself). Every question carries the
 * caller's scope ({@code *} or a tenant id) and every node applies it, so that a tenant admin's question never
 * brings another tenant's connections over the wire. Built once by {@link AdminApi}, which registers the answers
 * before the node joins its cluster.
 */
final class ClusterQueries {

    static final String CONNECTIONS = "admin.connections";
    static final String DISCONNECT = "admin.disconnect";
    static final String TRAFFIC = "admin.traffic";
    static final String COUNT = "admin.count";
    /** Answered by {@link EventRoutes}: a test event to one connection held by the node asked. */
    static final String EVENT = "admin.event";

    private static final Logger LOG = LoggerFactory.getLogger(ClusterQueries.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Nodes nodes;
    private final Hub hub;
    private final AdminJson json;
    private final TrafficSource traffic;

    ClusterQueries(Nodes nodes, Hub hub, AdminJson json, TrafficSource traffic) {
        this.nodes = nodes;
        this.hub = hub;
        this.json = json;
        this.traffic = traffic;
        nodes.answer(CONNECTIONS, this::localConnections);
        nodes.answer(DISCONNECT, this::localDisconnect);
        nodes.answer(TRAFFIC, this::localTraffic);
        nodes.answer(
                COUNT,
                body -> Long.toString(visible(read(body).path("scope").asText()).count()));
    }

    /** What every node answered, parsed, by node id (this node first), and who did not answer. */
    record Gathered(Map<String, JsonNode> byNode, List<String> missing) {

        /** Adds {@code "partial"} and {@code "nodes_missing"} to an answer of the admin API. */
        void describe(ObjectNode root) {
            root.put("partial", !missing.isEmpty());
            missing.forEach(root.putArray("nodes_missing")::add);
        }
    }

    /** This node's id. */
    String selfId() {
        return nodes.selfId();
    }

    /** Nodes, the source of the cards. */
    Nodes nodes() {
        return nodes;
    }

    /** Asks every node; the answers parsed. Called on a request's thread: blocks up to {@code ANSWER_WITHIN}. */
    Gathered ask(String topic, ObjectNode question) {
        Answers answers = nodes.ask(topic, question.toString());
        Map<String, JsonNode> parsed = new java.util.LinkedHashMap<>();
        answers.byNode().forEach((node, text) -> parsed.put(node, read(text)));
        return new Gathered(parsed, answers.missing());
    }

    /** The question of a caller: its scope ({@code *} or its tenant) and who asks (for the disconnect's log). */
    ObjectNode question(AdminCaller caller) {
        return json.object()
                .put("scope", caller.scope())
                .put("by", caller.user().id());
    }

    private String localConnections(String body) {
        JsonNode question = read(body);
        String tenant = question.path("tenant").asText("");
        String user = question.path("user").asText("");
        String channel = question.path("channel").asText("");
        ArrayNode shown = JSON.createArrayNode();
        visible(question.path("scope").asText())
                .filter(c -> tenant.isEmpty() || tenant.equals(c.tenantId()))
                .filter(c -> user.isEmpty()
                        || (c.isAuthenticated() && user.equals(c.principal().userId())))
                .filter(c -> channel.isEmpty() || c.holds(channel))
                .forEach(c -> shown.add(json.connection(c)));
        return shown.toString();
    }

    private String localDisconnect(String body) {
        JsonNode question = read(body);
        String id = question.path("id").asText();
        Connection connection = hub.connection(id)
                .filter(Connection::isOpen)
                .filter(c -> sees(question.path("scope").asText(), c.tenantId()))
                .orElse(null);
        if (connection == null) {
            return "{\"closed\":false}";
        }
        CloseCode close = CloseCode.ADMIN_DISCONNECT;
        connection.lane().execute(() -> connection.close(close.code(), close.reason()));
        LOG.info(
                "admin_disconnect by={} conn={} user={} tenant={} node={}",
                LogText.of(question.path("by").asText()),
                connection.id(),
                connection.isAuthenticated() ? connection.principal().userId() : "-",
                connection.tenantId() == null ? "-" : connection.tenantId(),
                nodes.selfId());
        return "{\"closed\":true}";
    }

    private String localTraffic(String body) {
        JsonNode question = read(body);
        String scope = question.path("scope").asText();
        String tenant =
                question.path("tenant").isTextual() ? question.path("tenant").asText() : null;
        String only = "*".equals(scope) ? tenant : scope;
        ArrayNode answer = JSON.createArrayNode();
        if (traffic == null) {
            return answer.toString();
        }
        Instant end = Instant.ofEpochSecond(question.path("end").asLong());
        for (TenantSeries s : traffic.lastSeconds(end, question.path("seconds").asInt(), only)) {
            if (!sees(scope, s.tenantId())) {
                continue;
            }
            ObjectNode node = answer.addObject().put("tenant_id", s.tenantId());
            s.messagesIn().forEach(node.putArray("messages_in")::add);
            s.messagesOut().forEach(node.putArray("messages_out")::add);
            s.errors().forEach(node.putArray("errors")::add);
            s.dropped().forEach(node.putArray("dropped")::add);
            s.connections().forEach(node.putArray("connections")::add);
        }
        return answer.toString();
    }

    private java.util.stream.Stream<Connection> visible(String scope) {
        return hub.connections().stream().filter(c -> sees(scope, c.tenantId()));
    }

    /** The rule of {@link AdminCaller#sees} on a scope that crossed the wire. */
    private static boolean sees(String scope, String tenantId) {
        return "*".equals(scope) || (scope != null && scope.equals(tenantId));
    }

    /** A question's or answer's text, parsed. */
    static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a node sent unreadable JSON", e);
        }
    }

    /** Element-wise sums of per-tenant series from every node, tenants in id order. */
    static List<ObjectNode> summed(Iterable<JsonNode> answers) {
        Map<String, ObjectNode> byTenant = new java.util.TreeMap<>();
        for (JsonNode answer : answers) {
            for (JsonNode series : answer) {
                String tenant = series.path("tenant_id").asText();
                ObjectNode sum = byTenant.get(tenant);
                if (sum == null) {
                    byTenant.put(tenant, series.deepCopy());
                    continue;
                }
                for (String field : List.of("messages_in", "messages_out", "errors", "dropped", "connections")) {
                    ArrayNode into = (ArrayNode) sum.get(field);
                    JsonNode add = series.path(field);
                    for (int i = 0; i < into.size() && i < add.size(); i++) {
                        into.set(
                                i,
                                JSON.getNodeFactory()
                                        .numberNode(into.get(i).asLong()
                                                + add.get(i).asLong()));
                    }
                }
            }
        }
        return new ArrayList<>(byTenant.values());
    }
}
