package dev.zena.realtime.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Turns the fields of a SPEC §10 presence frame into its record, for clients; reverses {@link PresenceWriter}. */
final class PresenceFields {

    private PresenceFields() {}

    static ServerMessage toMessage(String type, JsonFields fields, MessageId id, Instant timestamp)
            throws ProtocolException {
        switch (type) {
            case Presence.TYPE:
                return new Presence(
                        id,
                        fields.text("channel"),
                        fields.nonNegative("count"),
                        users(fields),
                        fields.bool("truncated"),
                        timestamp);
            case PresenceEvent.TYPE:
                return presenceEvent(fields, timestamp);
            case PresenceSummary.TYPE:
                return new PresenceSummary(
                        fields.text("channel"),
                        fields.nonNegative("count"),
                        fields.strings("joined"),
                        fields.strings("left"),
                        timestamp);
            default:
                throw new IllegalStateException("not a presence message: " + type);
        }
    }

    private static PresenceEvent presenceEvent(JsonFields fields, Instant timestamp) throws ProtocolException {
        String event = fields.text("event");
        if (!event.equals(PresenceEvent.JOINED) && !event.equals(PresenceEvent.LEFT)) {
            throw fields.missing("event");
        }
        JsonFields user = fields.object("user");
        return new PresenceEvent(
                fields.text("channel"),
                event,
                user.text("user_id"),
                user.text("user_name"),
                connections(fields),
                timestamp);
    }

    private static List<PresenceMember> users(JsonFields fields) throws ProtocolException {
        List<PresenceMember> users = new ArrayList<>();
        for (JsonNode element : fields.array("users")) {
            JsonFields user = fields.of(element, "users");
            users.add(new PresenceMember(user.text("user_id"), user.text("user_name"), connections(user)));
        }
        return users;
    }

    private static int connections(JsonFields object) throws ProtocolException {
        int connections = object.integer("connections");
        if (connections < 0) {
            throw object.missing("connections");
        }
        return connections;
    }
}
