package dev.zena.realtime.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The top-level fields of one server frame, turned into the record its {@code type} names. */
final class ServerFields {

    private final MessageId id;
    private final JsonFields fields;

    ServerFields(MessageId id, Map<String, JsonNode> fields) {
        this.id = id;
        this.fields = new JsonFields(fields, id);
    }

    ServerMessage toMessage() throws ProtocolException {
        String type = fields.text("type");
        Instant timestamp = fields.instant("timestamp");
        try {
            return toMessage(type, timestamp);
        } catch (IllegalArgumentException e) {
            // A value the record refuses (e.g. an unknown presence event); the decoders check most of them first.
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "Message has a field out of range", id);
        }
    }

    private ServerMessage toMessage(String type, Instant timestamp) throws ProtocolException {
        switch (type) {
            case Connection.TYPE: {
                JsonFields heartbeat = fields.object("heartbeat");
                return new Connection(
                        fields.text("connection_id"),
                        heartbeat.integer("interval"),
                        heartbeat.integer("timeout"),
                        timestamp);
            }
            case Authentication.TYPE:
                return new Authentication(
                        id,
                        fields.text("user_id"),
                        fields.text("tenant_id"),
                        fields.text("user_name"),
                        fields.instant("expires_at"),
                        timestamp);
            case Subscription.TYPE:
                return new Subscription(id, fields.strings("granted"), denials(), positions(), recovery(), timestamp);
            case Unsubscription.TYPE:
                return new Unsubscription(
                        id, fields.strings("channels"), fields.strings("remaining_channels"), reason(), timestamp);
            case Pong.TYPE:
                return new Pong(id, timestamp);
            case Event.TYPE:
                return event(timestamp);
            case ErrorReply.TYPE:
                return new ErrorReply(id, fields.code(), fields.text("message"), timestamp);
            case Resync.TYPE:
                return resync(timestamp);
            case Presence.TYPE:
            case PresenceEvent.TYPE:
            case PresenceSummary.TYPE:
                return PresenceFields.toMessage(type, fields, id, timestamp);
            default:
                throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "Unknown server message type", id);
        }
    }

    private Event event(Instant timestamp) throws ProtocolException {
        JsonNode data = fields.node("data");
        if (data == null) {
            throw fields.missing("data");
        }
        String epoch = fields.optionalText("epoch");
        if (epoch != null && !StreamPosition.isValidEpoch(epoch)) {
            throw fields.missing("epoch");
        }
        return new Event(
                fields.text("channel"),
                fields.text("event"),
                data,
                fields.wholeNumber("offset"),
                epoch,
                fields.flag("test"),
                fields.flag("recovered"),
                timestamp);
    }

    /** Any non-empty reason is kept: the list of reasons may grow. */
    private Resync resync(Instant timestamp) throws ProtocolException {
        String reason = fields.text("reason");
        if (reason.isEmpty()) {
            throw fields.missing("reason");
        }
        return new Resync(fields.text("channel"), offset(fields), epoch(fields), reason, timestamp);
    }

    private List<Denial> denials() throws ProtocolException {
        List<Denial> denials = new ArrayList<>();
        for (JsonNode element : fields.array("denied")) {
            JsonFields denial = fields.of(element, "denied");
            denials.add(new Denial(denial.text("channel"), denial.code(), denial.text("message")));
        }
        return denials;
    }

    /** Required: SPEC §9 servers always write it. Keys keep the frame's order. */
    private Map<String, StreamPosition> positions() throws ProtocolException {
        Map<String, StreamPosition> positions = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : channelObject("positions").properties()) {
            JsonFields position = fields.of(entry.getValue(), "positions");
            positions.put(entry.getKey(), new StreamPosition(offset(position), epoch(position)));
        }
        return positions;
    }

    /** Absent (the request had no {@code since}) is null; keys keep the frame's order. */
    private Map<String, Recovery> recovery() throws ProtocolException {
        JsonNode node = fields.node("recovery");
        if (node == null || node.isNull()) {
            return null;
        }
        Map<String, Recovery> recovery = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : channelObject("recovery").properties()) {
            JsonFields outcome = fields.of(entry.getValue(), "recovery");
            if (outcome.bool("recovered")) {
                if (outcome.optionalText("reason") != null) {
                    throw fields.missing("reason");
                }
                recovery.put(entry.getKey(), Recovery.RECOVERED);
            } else {
                RecoveryFailure reason = RecoveryFailure.fromWireName(outcome.text("reason"))
                        .orElseThrow(() -> fields.missing("reason"));
                recovery.put(entry.getKey(), Recovery.failed(reason));
            }
        }
        return recovery;
    }

    private JsonNode channelObject(String field) throws ProtocolException {
        JsonNode node = fields.node(field);
        if (node == null || !node.isObject()) {
            throw fields.missing(field);
        }
        return node;
    }

    private Reason reason() throws ProtocolException {
        JsonNode node = fields.node("reason");
        if (node == null || node.isNull()) {
            return null;
        }
        JsonFields reason = fields.of(node, "reason");
        return new Reason(reason.code(), reason.text("message"));
    }

    private static long offset(JsonFields object) throws ProtocolException {
        long offset = object.nonNegative("offset");
        if (offset > StreamPosition.MAX_OFFSET) {
            throw object.missing("offset");
        }
        return offset;
    }

    private static String epoch(JsonFields object) throws ProtocolException {
        String epoch = object.text("epoch");
        if (!StreamPosition.isValidEpoch(epoch)) {
            throw object.missing("epoch");
        }
        return epoch;
    }
}
