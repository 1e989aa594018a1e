package dev.zena.realtime.contract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zena.realtime.access.ChannelKind;
import dev.zena.realtime.testing.WsClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The two sides of the permission contract as a client sees them: a channel name with its REST twin path, and the
 * per-channel outcome of one {@code subscribe} message (SPEC §3, §4.1).
 */
public final class Twins {

    /** Limits raised far above what the contract tests send, so that no 429 can stand in for a decision. */
    public static final Map<String, String> GENEROUS_LIMITS = Map.of(
            "limits.rest_per_user", "1000000",
            "limits.messages_per_connection", "100000",
            "limits.messages_per_tenant", "100000",
            "limits.connections_per_user", "1000",
            "limits.connections_per_tenant", "1000",
            "limits.connections_per_ip", "10000",
            "limits.handshakes_per_ip", "10000",
            "limits.channels_per_connection", "10000");

    /** What a client learns of one channel from a subscribe: the status, and code/message when denied. */
    public record Outcome(int status, String code, String message) {
        static final Outcome GRANTED = new Outcome(200, null, null);
    }

    private Twins() {}

    /** The channel name under the default patterns, e.g. {@code task.T1}. */
    public static String channel(ChannelKind kind, String id) {
        return kind.name().toLowerCase(Locale.ROOT) + "." + id;
    }

    /** The kind of a default-pattern channel name. */
    public static ChannelKind kindOf(String channel) {
        return ChannelKind.valueOf(channel.substring(0, channel.indexOf('.')).toUpperCase(Locale.ROOT));
    }

    /** The resource id of a default-pattern channel name. */
    public static String idOf(String channel) {
        return channel.substring(channel.indexOf('.') + 1);
    }

    /** The REST twin (GET) of a channel, SPEC §4.1. */
    public static String restPath(String channel) {
        String id = idOf(channel);
        return switch (kindOf(channel)) {
            case DASHBOARD -> "/api/v1/app/users/" + id + "/dashboard";
            case ALERTS -> "/api/v1/app/users/" + id + "/alerts";
            case NOTIFICATIONS -> "/api/v1/app/users/" + id + "/notifications";
            case METRICS -> "/api/v1/app/tenants/" + id + "/metrics";
            case SYSTEM -> "/api/v1/app/tenants/" + id + "/system";
            case PROJECT -> "/api/v1/app/projects/" + id;
            case TASK -> "/api/v1/app/tasks/" + id;
        };
    }

    /**
     * Subscribes to {@code channels} in messages of at most 50 and returns each channel's outcome. A whole-message
     * error (AUTH_REQUIRED on an unauthenticated connection) is the outcome of every channel of that message.
     * Fails when a reply does not account for every requested channel exactly once.
     */
    public static Map<String, Outcome> subscribe(WsClient client, List<String> channels) {
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        for (int from = 0; from < channels.size(); from += 50) {
            List<String> batch = channels.subList(from, Math.min(channels.size(), from + 50));
            String id = "sub-" + from;
            JsonNode reply = client.request(subscribeMessage(id, batch));
            if (!id.equals(reply.path("id").asText())) {
                throw new AssertionError("reply to " + id + " carries id " + reply.path("id") + ": " + reply);
            }
            outcomes.putAll(outcomesOf(reply, batch));
        }
        return outcomes;
    }

    private static Map<String, Outcome> outcomesOf(JsonNode reply, List<String> batch) {
        Map<String, Outcome> outcomes = new HashMap<>();
        String type = reply.path("type").asText();
        if (type.equals("error")) {
            Outcome whole = new Outcome(
                    reply.path("status").asInt(),
                    reply.path("code").asText(),
                    reply.path("message").asText());
            batch.forEach(c -> outcomes.put(c, whole));
            return outcomes;
        }
        if (!type.equals("subscription")) {
            throw new AssertionError("subscribe answered with " + reply);
        }
        List<String> answered = new ArrayList<>();
        reply.path("granted").forEach(g -> {
            answered.add(g.asText());
            outcomes.put(g.asText(), Outcome.GRANTED);
        });
        reply.path("denied").forEach(d -> {
            answered.add(d.path("channel").asText());
            outcomes.put(
                    d.path("channel").asText(),
                    new Outcome(
                            d.path("status").asInt(),
                            d.path("code").asText(),
                            d.path("message").asText()));
        });
        if (answered.size() != batch.size() || !outcomes.keySet().containsAll(batch)) {
            throw new AssertionError("subscription reply does not list each requested channel once: " + reply);
        }
        return outcomes;
    }

    /** A subscribe message with an id and a list of channels. */
    public static String subscribeMessage(String id, List<String> channels) {
        StringBuilder json = new StringBuilder("{\"type\":\"subscribe\",\"id\":\"")
                .append(id)
                .append("\",\"channels\":[");
        for (int i = 0; i < channels.size(); i++) {
            json.append(i == 0 ? "\"" : ",\"").append(channels.get(i)).append('"');
        }
        return json.append("]}").toString();
    }
}
