package dev.zena.realtime.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zena.realtime.access.AccessPolicy;
import dev.zena.realtime.access.Channel;
import dev.zena.realtime.access.ChannelCatalog;
import dev.zena.realtime.broker.Broker;
import dev.zena.realtime.broker.Envelope;
import dev.zena.realtime.broker.Position;
import dev.zena.realtime.broker.Publication;
import dev.zena.realtime.hub.Connection;
import dev.zena.realtime.hub.Hub;
import dev.zena.realtime.log.LogText;
import io.javalin.http.Context;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/admin/events}: a test event ({@code "test":true} on the wire) to every subscriber of a
 * channel of the caller's tenant, through the broker like any event, or to one connection only — on whichever
 * node of the cluster holds it (SPEC §11 item 4; that node checks and sends, and answers how it went).
 */
final class EventRoutes {

    /** The channel of a test event sent to one connection without a channel. */
    static final String DEFAULT_CHANNEL = "admin.test";

    private static final Logger LOG = LoggerFactory.getLogger(EventRoutes.class);
    private static final int MAX_EVENT_LENGTH = 128;

    private final AdminAuth auth;
    private final AdminJson json;
    private final ChannelCatalog catalog;
    private final AccessPolicy policy;
    private final Broker broker;
    private final Hub hub;
    private final java.time.Clock clock;
    private final ClusterQueries cluster;

    EventRoutes(
            AdminAuth auth,
            AdminJson json,
            ChannelCatalog catalog,
            AccessPolicy policy,
            Broker broker,
            Hub hub,
            java.time.Clock clock,
            ClusterQueries cluster) {
        this.cluster = cluster;
        cluster.nodes().answer(ClusterQueries.EVENT, this::localEvent);
        this.auth = auth;
        this.json = json;
        this.catalog = catalog;
        this.policy = policy;
        this.broker = broker;
        this.hub = hub;
        this.clock = clock;
    }

    /** Called per test event request. */
    void send(Context ctx) {
        AdminCaller caller = auth.require(ctx);
        JsonNode body = json.body(ctx);
        String event = AdminJson.requiredString(body, "event");
        if (event.length() > MAX_EVENT_LENGTH) {
            throw AdminRefusal.badInput("event", "event must be at most " + MAX_EVENT_LENGTH + " characters");
        }
        JsonNode data = body.has("data") ? body.get("data") : json.object();
        String connectionId = AdminJson.optionalString(body, "connection_id");
        String channelName = AdminJson.optionalString(body, "channel");
        int delivered;
        if (connectionId != null) {
            String id = AdminJson.checkedId(connectionId, "connection_id");
            Connection local = hub.connection(id)
                    .filter(Connection::isOpen)
                    .filter(c -> caller.sees(c.tenantId()))
                    .orElse(null);
            delivered = local != null
                    ? sendTo(
                            local,
                            channelName,
                            event,
                            data,
                            caller::sees,
                            caller.user().id())
                    : sendOnAnotherNode(caller, id, channelName, event, data);
        } else {
            if (channelName == null) {
                throw AdminRefusal.badInput("channel", "channel or connection_id is required");
            }
            String tenant = ownerOf(caller, channelName, null);
            delivered = broker.publish(new Envelope(tenant, channelName, event, data, true));
            LOG.info(
                    "admin_test_event by={} channel={} event={} delivered={}",
                    caller.user().id(),
                    LogText.of(channelName),
                    LogText.of(event),
                    delivered);
        }
        json.write(ctx, 200, json.object().put("delivered", delivered));
    }

    /** Queues the test event to one connection of this node; answers 1 when queued, 0 when its queue refused. */
    private int sendTo(
            Connection target, String channelName, String event, JsonNode data, Predicate<String> sees, String by) {
        String channel = channelName == null ? DEFAULT_CHANNEL : channelName;
        if (channelName != null) {
            ownerOf(sees, channelName, target.tenantId());
        }
        Position position = broker.position(channel);
        Publication publication = new Publication(
                new Envelope(target.tenantId(), channel, event, data, true),
                position.offset(),
                position.epoch(),
                clock.instant());
        int delivered = hub.sendTo(target, publication) ? 1 : 0;
        LOG.info(
                "admin_test_event by={} conn={} channel={} event={} delivered={}",
                LogText.of(by),
                target.id(),
                LogText.of(channel),
                LogText.of(event),
                delivered);
        return delivered;
    }

    /**
     * The test event to a connection this node does not hold: the node that holds it sends it. 404 when no node
     * does, 503 {@code NODES_MISSING} when a node that may hold it did not answer; a refusal of the holding node
     * (its channel check) is answered as it.
     */
    private int sendOnAnotherNode(AdminCaller caller, String id, String channelName, String event, JsonNode data) {
        ObjectNode question = cluster.question(caller)
                .put("id", id)
                .put("channel", channelName)
                .put("event", event);
        question.set("data", data);
        ClusterQueries.Gathered gathered = cluster.ask(ClusterQueries.EVENT, question);
        for (JsonNode answer : gathered.byNode().values()) {
            if (!answer.path("found").asBoolean()) {
                continue;
            }
            JsonNode refusal = answer.path("refusal");
            if (refusal.isObject()) {
                throw new AdminRefusal(
                        refusal.path("status").asInt(),
                        refusal.path("code").asText(),
                        refusal.path("message").asText(),
                        refusal.path("field").asText(null));
            }
            return answer.path("delivered").asInt();
        }
        if (!gathered.missing().isEmpty()) {
            throw new AdminRefusal(
                    503,
                    ConnectionRoutes.NODES_MISSING,
                    "No node that answered holds this " + "connection, and " + String.join(", ", gathered.missing())
                            + " did not answer: try again",
                    "connection_id",
                    2L);
        }
        throw AdminRefusal.notFound("connection_id", "No such connection");
    }

    /** This node's answer to another node's test event for one connection: sent, refused, or not held here. */
    private String localEvent(String body) {
        JsonNode question = ClusterQueries.read(body);
        String scope = question.path("scope").asText();
        Predicate<String> sees = tenant -> "*".equals(scope) || scope.equals(tenant);
        Connection target = hub.connection(question.path("id").asText())
                .filter(Connection::isOpen)
                .filter(c -> sees.test(c.tenantId()))
                .orElse(null);
        if (target == null) {
            return "{\"found\":false}";
        }
        ObjectNode answer = json.object().put("found", true);
        try {
            answer.put(
                    "delivered",
                    sendTo(
                            target,
                            question.path("channel").asText(null),
                            question.path("event").asText(),
                            question.path("data"),
                            sees,
                            question.path("by").asText()));
        } catch (AdminRefusal refusal) {
            answer.putObject("refusal")
                    .put("status", refusal.status())
                    .put("code", refusal.code())
                    .put("message", refusal.getMessage())
                    .put("field", refusal.field());
        }
        return answer.toString();
    }

    /**
     * The tenant owning a channel's resource, when the name matches a pattern (else 400) and the resource exists in
     * a tenant the caller sees and, when {@code tenant} is given, in that tenant (else 404).
     */
    private String ownerOf(AdminCaller caller, String name, String tenant) {
        return ownerOf(caller::sees, name, tenant);
    }

    private String ownerOf(Predicate<String> sees, String name, String tenant) {
        Channel channel = catalog.parse(name)
                .orElseThrow(() -> AdminRefusal.badInput("channel", "Unknown channel: matches no channel pattern"));
        String owner = policy.ownerTenant(channel).orElse(null);
        if (owner == null || !sees.test(owner) || (tenant != null && !tenant.equals(owner))) {
            throw AdminRefusal.notFound("channel", "Channel resource not found");
        }
        return owner;
    }
}
