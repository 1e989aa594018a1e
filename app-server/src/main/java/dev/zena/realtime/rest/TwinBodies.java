package dev.zena.realtime.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zena.realtime.access.Channel;
import dev.zena.realtime.broker.Broker;
import dev.zena.realtime.broker.Position;
import dev.zena.realtime.broker.Publication;
import dev.zena.realtime.http.ApiException;
import dev.zena.realtime.hub.Connection;
import dev.zena.realtime.hub.Hub;
import dev.zena.realtime.protocol.WireCodec;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.Task;
import dev.zena.realtime.store.Tenant;
import dev.zena.realtime.store.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code data} of each REST twin, built once access is granted: a user's dashboard widgets, the recent
 * alerts or notifications published on their channel, a tenant's metrics and system status, a project, a task.
 */
final class TwinBodies {

    private static final List<String> CLOSED = List.of("done", "closed", "cancelled", "canceled");
    /** How many of the last events of a channel an alerts or notifications twin lists, newest first. */
    private static final int RECENT = 20;

    private final Store store;
    private final Broker broker;
    private final Hub hub;
    private final Clock clock;
    private final Instant startedAt;
    private final Views views;

    TwinBodies(Store store, Broker broker, Hub hub, Clock clock, Instant startedAt, Views views) {
        this.store = store;
        this.broker = broker;
        this.hub = hub;
        this.clock = clock;
        this.startedAt = startedAt;
        this.views = views;
    }

    /** The body for a granted twin read. */
    JsonNode of(User caller, Channel channel) {
        String id = channel.resourceId();
        return switch (channel.kind()) {
            case DASHBOARD -> dashboard(id, caller.tenantId());
            case ALERTS -> recent("alerts", id, channel.name());
            case NOTIFICATIONS -> recent("notifications", id, channel.name());
            case METRICS -> metrics(id);
            case SYSTEM -> system(id);
            case PROJECT -> views.project(store.project(id).orElseThrow(TwinBodies::gone));
            case TASK -> views.task(store.task(id).orElseThrow(TwinBodies::gone));
        };
    }

    private JsonNode dashboard(String userId, String tenantId) {
        List<Task> tasks = store.tasks(tenantId);
        long open = tasks.stream()
                .filter(t -> userId.equals(t.assigneeId()) && isOpen(t))
                .count();
        long projects = store.projects(tenantId).stream()
                .filter(p -> p.hasMember(userId))
                .count();
        long live = connectionsOf(tenantId).stream()
                .filter(c -> userId.equals(c.principal().userId()))
                .count();
        ObjectNode root = views.mapper().createObjectNode().put("user_id", userId);
        ArrayNode widgets = root.putArray("widgets");
        widgets.addObject()
                .put("id", "my_open_tasks")
                .put("title", "My open tasks")
                .put("value", open);
        widgets.addObject().put("id", "my_projects").put("title", "My projects").put("value", projects);
        widgets.addObject()
                .put("id", "my_live_sessions")
                .put("title", "My live sessions")
                .put("value", live);
        return root;
    }

    private JsonNode recent(String field, String userId, String channelName) {
        ObjectNode root = views.mapper().createObjectNode().put("user_id", userId);
        ArrayNode items = root.putArray(field);
        Position position = broker.position(channelName);
        List<Publication> kept = broker.history(channelName, Math.max(0, position.offset() - RECENT), RECENT)
                .events();
        for (int i = kept.size() - 1; i >= 0; i--) {
            Publication publication = kept.get(i);
            if (!publication.envelope().isTest()) {
                items.addObject()
                        .put("event", publication.envelope().event())
                        .put("offset", publication.offset())
                        .put("timestamp", WireCodec.formatInstant(publication.timestamp()))
                        .set("data", publication.envelope().data());
            }
        }
        return root;
    }

    private JsonNode metrics(String tenantId) {
        List<Task> tasks = store.tasks(tenantId);
        Map<String, Integer> byStatus = new TreeMap<>();
        tasks.forEach(t -> byStatus.merge(t.status().toLowerCase(Locale.ROOT), 1, Integer::sum));
        ObjectNode root = views.mapper()
                .createObjectNode()
                .put("tenant_id", tenantId)
                .put("live_connections", connectionsOf(tenantId).size())
                .put("users", store.users(tenantId).size())
                .put("projects", store.projects(tenantId).size())
                .put("tasks", tasks.size());
        ObjectNode statuses = root.putObject("tasks_by_status");
        byStatus.forEach(statuses::put);
        return root;
    }

    private JsonNode system(String tenantId) {
        Tenant tenant = store.tenant(tenantId).orElseThrow(TwinBodies::gone);
        Duration uptime = Duration.between(startedAt, clock.instant());
        return views.mapper()
                .createObjectNode()
                .put("tenant_id", tenantId)
                .put("name", tenant.name())
                .put("status", "operational")
                .put("store_reachable", store.isReachable())
                .put("live_connections", connectionsOf(tenantId).size())
                .put("uptime_seconds", uptime.toSeconds())
                .put("server_time", WireCodec.formatInstant(clock.instant()));
    }

    private List<Connection> connectionsOf(String tenantId) {
        return hub.connections().stream()
                .filter(c -> tenantId.equals(c.tenantId()))
                .toList();
    }

    private static boolean isOpen(Task task) {
        return !CLOSED.contains(task.status().toLowerCase(Locale.ROOT));
    }

    /** A resource deleted between the access decision and reading its body: the 404 the decision would now give. */
    private static ApiException gone() {
        return ApiException.of(
                dev.zena.realtime.protocol.ErrorCode.NOT_FOUND, dev.zena.realtime.access.Decision.NOT_FOUND_MESSAGE);
    }
}
