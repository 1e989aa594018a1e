package dev.zena.realtime.pusher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zena.realtime.config.LaravelConfig;
import dev.zena.realtime.limits.KeyedRate;
import dev.zena.realtime.limits.LimitExceeded;
import dev.zena.realtime.metrics.Metrics;
import dev.zena.realtime.presence.Members;
import dev.zena.realtime.presence.Roll;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of the Pusher HTTP API (SPEC §12) that Laravel's {@code pusher} and {@code reverb} broadcasters call,
 * without HTTP: {@code POST /apps/{app_id}/events} and {@code /batch_events} (signature, rate per key, body,
 * mapping, delivery) and the read endpoints (channels, one channel, a presence channel's users) answered from this
 * node's Pusher subscriptions and the cluster's presence. {@code publish.PusherApi} turns requests into calls.
 * Thread-safe.
 */
public final class PusherHttpApi {

    /** The most events of one {@code batch_events}. */
    static final int MAX_BATCH = 10;

    private static final Logger LOG = LoggerFactory.getLogger(PusherHttpApi.class);

    private final LaravelConfig config;
    private final PusherSignature signature;
    private final KeyedRate perKey;
    private final LaravelEvent events;
    private final LaravelChannels channels;
    private final PusherSubscriptions subscriptions;
    private final Members members;
    private final Metrics metrics;
    private final ObjectMapper mapper;

    /** Built once per server; {@code signature} is null when the Pusher app is not configured. */
    public PusherHttpApi(
            LaravelConfig config,
            PusherSignature signature,
            KeyedRate perKey,
            LaravelEvent events,
            LaravelChannels channels,
            PusherSubscriptions subscriptions,
            Members members,
            Metrics metrics,
            ObjectMapper mapper) {
        this.config = config;
        this.signature = signature;
        this.perKey = perKey;
        this.events = events;
        this.channels = channels;
        this.subscriptions = subscriptions;
        this.members = members;
        this.metrics = metrics;
        this.mapper = mapper;
    }

    /** The answer of a request: its status and JSON body. */
    public record Reply(int status, JsonNode body) {}

    /**
     * Called for {@code POST /apps/{appId}/events}: {@code {"name","data","channels"|"channel","socket_id"}}.
     * {@code query} holds the decoded query parameters, {@code body} the raw body as signed.
     *
     * @throws PusherRefusal with the status and message of the refusal
     */
    public Reply events(String appId, String path, Map<String, String> query, byte[] body) {
        authenticate("POST", appId, path, query, body);
        JsonNode event = parse(body);
        int delivered = publish(event);
        LOG.info("pusher_events app={} name={} delivered={}", appId, text(event, "name"), delivered);
        return new Reply(200, mapper.createObjectNode());
    }

    /** Called for {@code POST /apps/{appId}/batch_events}: {@code {"batch":[event…]}} of at most ten events. */
    public Reply batchEvents(String appId, String path, Map<String, String> query, byte[] body) {
        authenticate("POST", appId, path, query, body);
        JsonNode batch = parse(body).get("batch");
        if (batch == null || !batch.isArray() || batch.isEmpty() || batch.size() > MAX_BATCH) {
            throw PusherRefusal.badRequest("batch must be an array of 1.." + MAX_BATCH + " events");
        }
        for (JsonNode event : batch) {
            if (!event.isObject()) {
                throw PusherRefusal.badRequest("every batch entry must be an event object");
            }
            // Every channel of every event is mapped before the first delivery: a bad batch delivers nothing.
            channelsOf(event).forEach(events::target);
        }
        int delivered = 0;
        for (JsonNode event : batch) {
            delivered += publish(event);
        }
        LOG.info("pusher_batch_events app={} events={} delivered={}", appId, batch.size(), delivered);
        return new Reply(200, mapper.createObjectNode());
    }

    /** Called for {@code GET /apps/{appId}/channels}: occupied Pusher channels of this node, by prefix. */
    public Reply channels(String appId, String path, Map<String, String> query) {
        authenticate("GET", appId, path, query, new byte[0]);
        String prefix = query.getOrDefault("filter_by_prefix", "");
        ObjectNode list = mapper.createObjectNode();
        for (String name : subscriptions.occupied()) {
            if (name.startsWith(prefix)) {
                list.putObject(name);
            }
        }
        ObjectNode root = mapper.createObjectNode();
        root.set("channels", list);
        return new Reply(200, root);
    }

    /** Called for {@code GET /apps/{appId}/channels/{name}}: whether it is occupied, its subscription count. */
    public Reply channel(String appId, String path, Map<String, String> query, String name) {
        authenticate("GET", appId, path, query, new byte[0]);
        LaravelChannels.Target target = events.target(name);
        int count = subscriptions.count(name);
        ObjectNode root = mapper.createObjectNode().put("occupied", count > 0).put("subscription_count", count);
        if (target.mapping().isPresence()) {
            root.put("user_count", members.roll(target.channelName(), 0).count());
        }
        return new Reply(200, root);
    }

    /** Called for {@code GET /apps/{appId}/channels/{name}/users}: the members of a presence channel. */
    public Reply users(String appId, String path, Map<String, String> query, String name) {
        authenticate("GET", appId, path, query, new byte[0]);
        LaravelChannels.Target target = events.target(name);
        if (!target.mapping().isPresence()) {
            throw PusherRefusal.badRequest("Only presence channels have users: " + name);
        }
        Roll roll = members.roll(target.channelName(), Integer.MAX_VALUE);
        ObjectNode root = mapper.createObjectNode();
        var users = root.putArray("users");
        roll.users().forEach(m -> users.addObject().put("id", m.userId()));
        return new Reply(200, root);
    }

    private void authenticate(String method, String appId, String path, Map<String, String> query, byte[] body) {
        if (signature == null) {
            throw PusherRefusal.disabled();
        }
        if (!config.appId().equals(appId)) {
            throw new PusherRefusal(404, "Unknown app_id " + appId);
        }
        // A GET has no body: Pusher's libraries sign it without body_md5.
        signature.verifyRequest(method, path, query, body, !"GET".equals(method));
        Optional<LimitExceeded> exceeded = perKey.tryAcquire("pusher:" + signature.key());
        if (exceeded.isPresent()) {
            metrics.limitRefused(exceeded.get().limit().tag());
            throw new PusherRefusal(429, LimitExceeded.RATE_LIMITED_MESSAGE);
        }
    }

    private int publish(JsonNode event) {
        List<String> names = channelsOf(event);
        JsonNode socket = event.get("socket_id");
        String socketId = socket != null && socket.isTextual() ? socket.asText() : null;
        if (socketId != null && !PusherProtocol.isSocketId(socketId)) {
            throw PusherRefusal.badRequest("socket_id must match \\d+\\.\\d+");
        }
        return events.publish(text(event, "name"), event.get("data"), names, socketId);
    }

    private static List<String> channelsOf(JsonNode event) {
        List<String> names = new ArrayList<>();
        JsonNode list = event.get("channels");
        JsonNode one = event.get("channel");
        if (list != null && list.isArray()) {
            for (JsonNode name : list) {
                if (!name.isTextual()) {
                    throw PusherRefusal.badRequest("channels must be an array of strings");
                }
                names.add(name.asText());
            }
        } else if (one != null && one.isTextual()) {
            names.add(one.asText());
        } else {
            throw PusherRefusal.badRequest("channels (an array) or channel (a string) is required");
        }
        if (names.size() > LaravelEvent.MAX_CHANNELS) {
            throw PusherRefusal.badRequest("channels must name 1.." + LaravelEvent.MAX_CHANNELS + " channels");
        }
        return names;
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode root = mapper.readTree(body);
            if (root == null || !root.isObject()) {
                throw PusherRefusal.badRequest("The body must be a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw PusherRefusal.badRequest("The body is not valid JSON");
        }
    }

    private static String text(JsonNode event, String field) {
        JsonNode value = event.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
