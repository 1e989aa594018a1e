package dev.zena.realtime.console.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads and writes the wire shapes of docs/admin-api.md; tolerant of extra fields and missing optional ones. */
public final class AdminJson {

    /** Shared mapper; thread-safe once configured. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private AdminJson() {}

    /** Parses a body; a malformed one is an {@link IllegalArgumentException}. */
    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ConnectionInfo connection(JsonNode n) {
        return new ConnectionInfo(
                text(n, "id"),
                text(n, "user_id"),
                text(n, "tenant_id"),
                text(n, "remote_address"),
                instant(n, "connected_at"),
                strings(n.path("channels")),
                n.path("messages_in").asLong(),
                n.path("messages_out").asLong(),
                n.path("bytes_in").asLong(),
                n.path("bytes_out").asLong(),
                instant(n, "last_activity"),
                n.path("authenticated").asBoolean(n.hasNonNull("user_id")),
                text(n, "node"),
                n.path("protocol").asText(ConnectionInfo.ZENA));
    }

    static List<ConnectionInfo> connections(JsonNode body) {
        List<ConnectionInfo> list = new ArrayList<>();
        body.path("data").forEach(n -> list.add(connection(n)));
        return list;
    }

    static ConnectionList connectionList(JsonNode body) {
        return new ConnectionList(connections(body), strings(body.path("nodes_missing")));
    }

    static ClusterNodes nodes(JsonNode body) {
        List<NodeInfo> nodes = new ArrayList<>();
        body.path("data")
                .forEach(n -> nodes.add(new NodeInfo(
                        text(n, "id"),
                        text(n, "address"),
                        instant(n, "started_at"),
                        n.path("connections").isNumber() ? n.path("connections").asLong() : null,
                        instant(n, "last_seen"),
                        n.path("self").asBoolean())));
        return new ClusterNodes(nodes, strings(body.path("nodes_missing")));
    }

    static TrafficHistory traffic(JsonNode body) {
        List<TrafficHistory.TenantSeries> tenants = new ArrayList<>();
        body.path("tenants")
                .forEach(t -> tenants.add(new TrafficHistory.TenantSeries(
                        text(t, "tenant_id"),
                        longs(t.path("messages_in")),
                        longs(t.path("messages_out")),
                        longs(t.path("errors")),
                        longs(t.path("dropped")),
                        longs(t.path("connections")))));
        return new TrafficHistory(
                instant(body, "start"),
                Math.max(1, body.path("interval_seconds").asInt(1)),
                tenants,
                instant(body, "timestamp"));
    }

    static MetricsTotals metrics(JsonNode body) {
        Map<String, Long> perTenant = new LinkedHashMap<>();
        body.path("connections")
                .path("per_tenant")
                .fields()
                .forEachRemaining(e -> perTenant.put(e.getKey(), e.getValue().asLong()));
        return new MetricsTotals(
                body.path("connections").path("total").asLong(),
                perTenant,
                rate(body.path("messages")),
                rate(body.path("errors")),
                rate(body.path("dropped")),
                instant(body, "timestamp"));
    }

    static PermissionVerdict verdict(JsonNode body) {
        List<PermissionVerdict.Step> steps = new ArrayList<>();
        body.path("checks")
                .forEach(c -> steps.add(new PermissionVerdict.Step(
                        text(c, "check"), c.path("passed").asBoolean(), text(c, "detail"))));
        int status = body.path("status").asInt();
        return new PermissionVerdict(
                text(body, "user_id"),
                text(body, "channel"),
                status,
                text(body, "code"),
                body.path("granted").asBoolean(status == 200),
                steps);
    }

    static RoleMatrix roles(JsonNode body) {
        Map<String, Set<String>> roles = new LinkedHashMap<>();
        body.path("data")
                .fields()
                .forEachRemaining(e -> roles.put(e.getKey(), new LinkedHashSet<>(strings(e.getValue()))));
        return new RoleMatrix(roles, strings(body.path("permissions")));
    }

    static IssuedToken token(JsonNode body) {
        return new IssuedToken(
                text(body, "token"), text(body, "user_id"), text(body, "tenant_id"), instant(body, "expires_at"));
    }

    static ProjectSummary project(JsonNode n) {
        return new ProjectSummary(text(n, "id"), text(n, "tenant_id"), text(n, "name"), strings(n.path("members")));
    }

    static TaskSummary task(JsonNode n) {
        return new TaskSummary(
                text(n, "id"), text(n, "tenant_id"), text(n, "project_id"), text(n, "title"), text(n, "assignee_id"));
    }

    /**
     * Reads {@code GET /api/v1/admin/channels}. An entry of a kind this console does not know, or whose pattern
     * does not hold its placeholder exactly once, is skipped: that kind keeps its default.
     */
    static ChannelPatterns channelPatterns(JsonNode body) {
        Map<ChannelKind, String> patterns = new EnumMap<>(ChannelKind.class);
        body.path("data")
                .forEach(entry -> ChannelKind.fromWire(text(entry, "kind")).ifPresent(kind -> {
                    String pattern = text(entry, "pattern");
                    String placeholder = "{" + kind.placeholder() + "}";
                    if (pattern != null
                            && pattern.indexOf(placeholder) >= 0
                            && pattern.indexOf(placeholder) == pattern.lastIndexOf(placeholder)) {
                        patterns.put(kind, pattern);
                    }
                }));
        return new ChannelPatterns(patterns);
    }

    /** Reads an {@code event} as {@code /ws} sends it and the history endpoint lists it; offset -1 when absent. */
    public static ChannelEvent channelEvent(JsonNode n) {
        return new ChannelEvent(
                text(n, "channel"),
                text(n, "event"),
                n.path("data"),
                n.path("offset").asLong(-1),
                text(n, "epoch"),
                n.path("test").asBoolean(),
                n.path("recovered").asBoolean(),
                instant(n, "timestamp"));
    }

    /** Reads {@code {"offset":N,"epoch":"…"}}, or null when either is missing (a server older than SPEC §9). */
    public static ChannelPosition position(JsonNode n) {
        String epoch = text(n, "epoch");
        long offset = n.path("offset").asLong(-1);
        return epoch == null || epoch.isEmpty() || !n.path("offset").isIntegralNumber() || offset < 0
                ? null
                : new ChannelPosition(offset, epoch);
    }

    static ChannelHistory history(JsonNode body) {
        List<ChannelEvent> events = new ArrayList<>();
        body.path("data").forEach(n -> events.add(channelEvent(n)));
        return new ChannelHistory(events, position(body), body.path("recovered").asBoolean(), text(body, "reason"));
    }

    static ChannelPresence presence(JsonNode body) {
        List<ChannelPresence.Member> users = new ArrayList<>();
        body.path("users")
                .forEach(u -> users.add(new ChannelPresence.Member(
                        text(u, "user_id"),
                        text(u, "user_name"),
                        u.path("connections").asInt())));
        return new ChannelPresence(
                text(body, "channel"),
                body.path("count").asLong(),
                users,
                body.path("truncated").asBoolean());
    }

    static ObjectNode event(TestEvent event) {
        ObjectNode body = object();
        if (event.channel() != null) {
            body.put("channel", event.channel());
        }
        if (event.connectionId() != null) {
            body.put("connection_id", event.connectionId());
        }
        body.put("event", event.event());
        body.set("data", event.data() == null ? object() : event.data());
        return body;
    }

    /** Reads a feed message; unknown types answer null so a newer server does not break an older console. */
    static FeedEvent feed(JsonNode n) {
        return switch (n.path("type").asText("")) {
            case "hello" -> new FeedEvent.Hello(text(n, "scope"));
            case "connection_opened" -> new FeedEvent.ConnectionOpened(connection(n.path("connection")));
            case "connection_closed" ->
                new FeedEvent.ConnectionClosed(
                        text(n, "connection_id"),
                        text(n, "tenant_id"),
                        text(n, "user_id"),
                        n.path("code").asInt());
            case "traffic" -> {
                Map<String, TrafficSample> tenants = new LinkedHashMap<>();
                n.path("tenants").fields().forEachRemaining(e -> tenants.put(e.getKey(), sample(e.getValue())));
                yield new FeedEvent.TrafficTick(instant(n, "second"), tenants);
            }
            default -> null;
        };
    }

    static AdminApiException error(int status, String body) {
        try {
            JsonNode error = MAPPER.readTree(body).path("error");
            return new AdminApiException(status, text(error, "code"), text(error, "message"), text(error, "field"));
        } catch (JsonProcessingException | RuntimeException e) {
            return new AdminApiException(status, null, "HTTP " + status, null);
        }
    }

    private static TrafficSample sample(JsonNode n) {
        return new TrafficSample(
                n.path("messages_in").asLong(),
                n.path("messages_out").asLong(),
                n.path("errors").asLong(),
                n.path("dropped").asLong(),
                n.path("connections").asLong());
    }

    private static MetricsTotals.Rate rate(JsonNode n) {
        return new MetricsTotals.Rate(
                n.path("per_second").asDouble(), n.path("total_today").asLong());
    }

    static String text(JsonNode n, String field) {
        JsonNode value = n.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant instant(JsonNode n, String field) {
        String text = text(n, field);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(v -> list.add(v.asText()));
        return list;
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> list = new ArrayList<>();
        array.forEach(v -> list.add(v.asLong()));
        return list;
    }
}
