package dev.zena.realtime.pusher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A server message of SPEC §3 read for a Pusher connection: what the hub, presence and revocation send to every
 * connection alike, and {@link PusherOutbound} turns into Pusher frames. Only the kinds a Pusher client has an
 * equivalent for are kept; the rest read as {@link Kind#OTHER} and are not sent.
 *
 * @param kind     what the message is
 * @param channel  its channel (events, presence events)
 * @param name     the event's name, or {@code joined}/{@code left} of a presence event
 * @param data     the event's data as Pusher sends it: a JSON text
 * @param userId   the member of a presence event
 * @param userName the member's name
 * @param channels the channels an access loss removed
 * @param reason   the message of that loss
 */
record ServerFrame(
        Kind kind,
        String channel,
        String name,
        String data,
        String userId,
        String userName,
        List<String> channels,
        String reason) {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ServerFrame OTHER = new ServerFrame(Kind.OTHER, null, null, null, null, null, List.of(), null);

    /** The kinds with a Pusher equivalent. */
    enum Kind {
        EVENT,
        PRESENCE,
        ACCESS_LOST,
        OTHER
    }

    /** Reads one encoded server message. */
    static ServerFrame read(String text) {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return OTHER;
        }
        switch (node.path("type").asText()) {
            case "event" -> {
                JsonNode data = node.get("data");
                String json = data == null || data.isNull() ? "{}" : data.isTextual() ? data.asText() : data.toString();
                return new ServerFrame(
                        Kind.EVENT,
                        node.path("channel").asText(),
                        node.path("event").asText(),
                        json,
                        null,
                        null,
                        List.of(),
                        null);
            }
            case "presence_event" -> {
                JsonNode user = node.path("user");
                return new ServerFrame(
                        Kind.PRESENCE,
                        node.path("channel").asText(),
                        node.path("event").asText(),
                        null,
                        user.path("user_id").asText(),
                        user.path("user_name").asText(null),
                        List.of(),
                        null);
            }
            case "unsubscription" -> {
                if (!node.has("reason")) {
                    return OTHER;
                }
                List<String> channels = new ArrayList<>();
                node.path("channels").forEach(c -> channels.add(c.asText()));
                return new ServerFrame(
                        Kind.ACCESS_LOST,
                        null,
                        null,
                        null,
                        null,
                        null,
                        channels,
                        node.path("reason").path("message").asText());
            }
            default -> {
                return OTHER;
            }
        }
    }

    /** A Pusher frame {@code {"event","channel","data"}} with {@code data} a JSON text. */
    static String pusher(String event, String channel, String data) {
        ObjectNode frame = MAPPER.createObjectNode().put("event", event);
        if (channel != null) {
            frame.put("channel", channel);
        }
        frame.put("data", data);
        return frame.toString();
    }

    /** The JSON text of a value: what Pusher frames carry as {@code data}. */
    static String json(JsonNode value) {
        return value.toString();
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }
}
