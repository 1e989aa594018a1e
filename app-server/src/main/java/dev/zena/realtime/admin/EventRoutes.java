package dev.zena.realtime.admin;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/admin/events}: a test event ({@code "test":true} on the wire) to every subscriber of a
 * channel of the caller's tenant, through the broker like any event, or to one connection only.
 */
final class EventRoutes {

    /** The channel of a test event sent to one connection without a channel. */
    static final String DEFAULT_CHANNEL = "admin.test";
    private static final Logger LOG = LoggerFactory.getLogger(EventRoutes.class);
    private static final int MAX_EVENT_LENGTH = 128;

    private final AdminAuth auth;
    private final AdminJson json;
    private final ConnectionRoutes connections;
    private final ChannelCatalog catalog;
    private final AccessPolicy policy;
    private final Broker broker;
    private final Hub hub;
    private final java.time.Clock clock;

    EventRoutes(AdminAuth auth, AdminJson json, ConnectionRoutes connections, ChannelCatalog catalog,
                AccessPolicy policy, Broker broker, Hub hub, java.time.Clock clock) {
        this.auth = auth;
        this.json = json;
        this.connections = connections;
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
            Connection target = connections.visible(caller, AdminJson.checkedId(connectionId, "connection_id"),
                    "connection_id");
            String channel = channelName == null ? DEFAULT_CHANNEL : channelName;
            if (channelName != null) {
                ownerOf(caller, channelName, target.tenantId());
            }
            Position position = broker.position(channel);
            Publication publication = new Publication(new Envelope(target.tenantId(), channel, event, data, true),
                    position.offset(), position.epoch(), clock.instant());
            delivered = hub.sendTo(target, publication) ? 1 : 0;
            LOG.info("admin_test_event by={} conn={} channel={} event={} delivered={}", caller.user().id(),
                    target.id(), LogText.of(channel), LogText.of(event), delivered);
        } else {
            if (channelName == null) {
                throw AdminRefusal.badInput("channel", "channel or connection_id is required");
            }
            String tenant = ownerOf(caller, channelName, null);
            delivered = broker.publish(new Envelope(tenant, channelName, event, data, true));
            LOG.info("admin_test_event by={} channel={} event={} delivered={}", caller.user().id(),
                    LogText.of(channelName), LogText.of(event), delivered);
        }
        json.write(ctx, 200, json.object().put("delivered", delivered));
    }

    /**
     * The tenant owning a channel's resource, when the name matches a pattern (else 400) and the resource exists in
     * a tenant the caller sees and, when {@code tenant} is given, in that tenant (else 404).
     */
    private String ownerOf(AdminCaller caller, String name, String tenant) {
        Channel channel = catalog.parse(name)
                .orElseThrow(() -> AdminRefusal.badInput("channel", "Unknown channel: matches no channel pattern"));
        String owner = policy.ownerTenant(channel).orElse(null);
        if (owner == null || !caller.sees(owner) || (tenant != null && !tenant.equals(owner))) {
            throw AdminRefusal.notFound("channel", "Channel resource not found");
        }
        return owner;
    }
}
