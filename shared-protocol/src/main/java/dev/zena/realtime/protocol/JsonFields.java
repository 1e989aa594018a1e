package dev.zena.realtime.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of the fields of one JSON object in a server frame, for clients decoding it. A field that is missing or
 * of the wrong type is an {@link ErrorCode#INVALID_MESSAGE} naming it, carrying the frame's id.
 */
final class JsonFields {

    private final Map<String, JsonNode> fields;
    private final MessageId id;

    JsonFields(Map<String, JsonNode> fields, MessageId id) {
        this.fields = fields;
        this.id = id;
    }

    /** The node of a field, or null when absent; for fields with their own rules. */
    JsonNode node(String field) {
        return fields.get(field);
    }

    String text(String field) throws ProtocolException {
        JsonNode node = fields.get(field);
        if (node == null || !node.isTextual()) {
            throw missing(field);
        }
        return node.textValue();
    }

    /** An optional string: null when absent or JSON null. */
    String optionalText(String field) throws ProtocolException {
        JsonNode node = fields.get(field);
        return node == null || node.isNull() ? null : text(field);
    }

    int integer(String field) throws ProtocolException {
        JsonNode node = fields.get(field);
        if (node == null || !node.isIntegralNumber() || !node.canConvertToInt()) {
            throw missing(field);
        }
        return node.intValue();
    }

    long wholeNumber(String field) throws ProtocolException {
        JsonNode node = fields.get(field);
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
            throw missing(field);
        }
        return node.longValue();
    }

    /** A count or offset: a whole number of at least 0. */
    long nonNegative(String field) throws ProtocolException {
        long value = wholeNumber(field);
        if (value < 0) {
            throw missing(field);
        }
        return value;
    }

    boolean bool(String field) throws ProtocolException {
        JsonNode node = fields.get(field);
        if (node == null || !node.isBoolean()) {
            throw missing(field);
        }
        return node.booleanValue();
    }

    /** A flag written only when true: absent means false. */
    boolean flag(String field) throws ProtocolException {
        return fields.get(field) != null && bool(field);
    }

    Instant instant(String field) throws ProtocolException {
        try {
            return WireInstants.parse(text(field));
        } catch (DateTimeParseException e) {
            throw missing(field);
        }
    }

    ErrorCode code() throws ProtocolException {
        try {
            return ErrorCode.valueOf(text("code"));
        } catch (IllegalArgumentException e) {
            throw missing("code");
        }
    }

    List<String> strings(String field) throws ProtocolException {
        List<String> values = new ArrayList<>();
        for (JsonNode element : array(field)) {
            if (!element.isTextual()) {
                throw missing(field);
            }
            values.add(element.textValue());
        }
        return values;
    }

    JsonNode array(String field) throws ProtocolException {
        JsonNode node = fields.get(field);
        if (node == null || !node.isArray()) {
            throw missing(field);
        }
        return node;
    }

    JsonFields object(String field) throws ProtocolException {
        JsonNode node = fields.get(field);
        if (node == null) {
            throw missing(field);
        }
        return of(node, field);
    }

    /** The fields of {@code node}, which must be an object; {@code field} names it in the error. */
    JsonFields of(JsonNode node, String field) throws ProtocolException {
        if (!node.isObject()) {
            throw missing(field);
        }
        Map<String, JsonNode> map = new HashMap<>();
        node.properties().forEach(entry -> map.put(entry.getKey(), entry.getValue()));
        return new JsonFields(map, id);
    }

    ProtocolException missing(String field) {
        return new ProtocolException(
                ErrorCode.INVALID_MESSAGE, "\"" + field + "\" is missing or has the wrong type", id);
    }
}
