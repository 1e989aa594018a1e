package dev.zena.realtime.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The top-level fields of one server frame, turned into the record its {@code type} names. */
final class ServerFields {

    private final MessageId id;
    private final Map<String, JsonNode> fields;

    ServerFields(MessageId id, Map<String, JsonNode> fields) {
        this.id = id;
        this.fields = fields;
    }

    ServerMessage toMessage() throws ProtocolException {
        String type = text(fields, "type");
        Instant timestamp = instant(fields, "timestamp");
        switch (type) {
            case Connection.TYPE: {
                Map<String, JsonNode> heartbeat = object(fields, "heartbeat");
                return new Connection(text(fields, "connection_id"), integer(heartbeat, "interval"),
                        integer(heartbeat, "timeout"), timestamp);
            }
            case Authentication.TYPE:
                return new Authentication(id, text(fields, "user_id"), text(fields, "tenant_id"),
                        text(fields, "user_name"), instant(fields, "expires_at"), timestamp);
            case Subscription.TYPE:
                return new Subscription(id, strings(fields, "granted"), denials(), timestamp);
            case Unsubscription.TYPE:
                return new Unsubscription(id, strings(fields, "channels"), strings(fields, "remaining_channels"),
                        reason(), timestamp);
            case Pong.TYPE:
                return new Pong(id, timestamp);
            case Event.TYPE:
                return event(timestamp);
            case ErrorReply.TYPE:
                return new ErrorReply(id, code(fields), text(fields, "message"), timestamp);
            default:
                throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "Unknown server message type", id);
        }
    }

    private Event event(Instant timestamp) throws ProtocolException {
        JsonNode data = fields.get("data");
        JsonNode offset = fields.get("offset");
        JsonNode test = fields.get("test");
        if (data == null) {
            throw missing("data");
        }
        if (offset == null || !offset.isIntegralNumber() || !offset.canConvertToLong()) {
            throw missing("offset");
        }
        if (test != null && !test.isBoolean()) {
            throw missing("test");
        }
        return new Event(text(fields, "channel"), text(fields, "event"), data, offset.longValue(),
                test != null && test.booleanValue(), timestamp);
    }

    private List<Denial> denials() throws ProtocolException {
        JsonNode array = fields.get("denied");
        if (array == null || !array.isArray()) {
            throw missing("denied");
        }
        List<Denial> denials = new ArrayList<>(array.size());
        for (JsonNode element : array) {
            Map<String, JsonNode> denial = asMap(element, "denied");
            denials.add(new Denial(text(denial, "channel"), code(denial), text(denial, "message")));
        }
        return denials;
    }

    private Reason reason() throws ProtocolException {
        JsonNode node = fields.get("reason");
        if (node == null || node.isNull()) {
            return null;
        }
        Map<String, JsonNode> reason = asMap(node, "reason");
        return new Reason(code(reason), text(reason, "message"));
    }

    private ErrorCode code(Map<String, JsonNode> object) throws ProtocolException {
        String code = text(object, "code");
        try {
            return ErrorCode.valueOf(code);
        } catch (IllegalArgumentException e) {
            throw missing("code");
        }
    }

    private String text(Map<String, JsonNode> object, String field) throws ProtocolException {
        JsonNode node = object.get(field);
        if (node == null || !node.isTextual()) {
            throw missing(field);
        }
        return node.textValue();
    }

    private int integer(Map<String, JsonNode> object, String field) throws ProtocolException {
        JsonNode node = object.get(field);
        if (node == null || !node.isIntegralNumber() || !node.canConvertToInt()) {
            throw missing(field);
        }
        return node.intValue();
    }

    private Instant instant(Map<String, JsonNode> object, String field) throws ProtocolException {
        try {
            return WireInstants.parse(text(object, field));
        } catch (DateTimeParseException e) {
            throw missing(field);
        }
    }

    private List<String> strings(Map<String, JsonNode> object, String field) throws ProtocolException {
        JsonNode array = object.get(field);
        if (array == null || !array.isArray()) {
            throw missing(field);
        }
        List<String> values = new ArrayList<>(array.size());
        for (JsonNode element : array) {
            if (!element.isTextual()) {
                throw missing(field);
            }
            values.add(element.textValue());
        }
        return values;
    }

    private Map<String, JsonNode> object(Map<String, JsonNode> object, String field) throws ProtocolException {
        JsonNode node = object.get(field);
        if (node == null) {
            throw missing(field);
        }
        return asMap(node, field);
    }

    private Map<String, JsonNode> asMap(JsonNode node, String field) throws ProtocolException {
        if (!node.isObject()) {
            throw missing(field);
        }
        Map<String, JsonNode> map = new HashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            map.put(entry.getKey(), entry.getValue());
        }
        return map;
    }

    private ProtocolException missing(String field) {
        return new ProtocolException(ErrorCode.INVALID_MESSAGE, "\"" + field + "\" is missing or has the wrong type", id);
    }
}
