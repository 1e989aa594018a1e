package dev.zena.realtime.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Typed access to the fields of one JSON object of an import document. Each accessor reports a wrong or missing
 * value to {@link ImportErrors} under the entry's label and returns a harmless placeholder, so that reading goes
 * on and every mistake is reported in one run.
 */
final class EntryFields {
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final JsonNode node;
    private final String path;
    private final ImportErrors errors;
    private String label;

    EntryFields(JsonNode node, String path, ImportErrors errors) {
        this.node = node;
        this.path = path;
        this.errors = errors;
        this.label = path;
    }

    /** Reads the required id named {@code field} and, when valid, adds it to the label of later messages. */
    String key(String field) {
        return labelled(field, id(field));
    }

    /** Adds {@code field "value"} to the label of later messages when the value is not null; returns it. */
    String labelled(String field, String value) {
        if (value != null) {
            label = path + " (" + field + " " + quote(value) + ")";
        }
        return value;
    }

    /** A new entry that carries this label and path with {@code value}. */
    <T> ImportDocument.Entry<T> entry(T value) {
        return new ImportDocument.Entry<>(label, path, value);
    }

    /** A required id (a string matching {@link #ID}); null after reporting when missing or malformed. */
    String id(String field) {
        return checkId(field, text(field, 0, Integer.MAX_VALUE));
    }

    /** An id that may be absent or null. */
    String optionalId(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : id(field);
    }

    /** A required string of {@code min}..{@code max} characters; null after reporting otherwise. */
    String text(String field, int min, int max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            error(field, field + " is required");
            return null;
        }
        if (!value.isTextual()) {
            error(field, field + " must be a string, got " + typeOf(value));
            return null;
        }
        String text = value.textValue();
        int length = text.codePointCount(0, text.length());
        if (length < min || length > max) {
            error(
                    field,
                    max == Integer.MAX_VALUE && min == 1
                            ? field + " must not be empty"
                            : field + " must have " + bounds(min, max) + " characters, got " + length);
            return null;
        }
        return text;
    }

    /** An optional boolean; {@code absent} when missing or null. */
    boolean flag(String field, boolean absent) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.isBoolean()) {
            error(field, field + " must be true or false, got " + typeOf(value));
            return absent;
        }
        return value.booleanValue();
    }

    /** An optional array of distinct ids, in order; empty when missing, null or wrong. */
    List<String> ids(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            error(field, field + " must be an array of ids, got " + typeOf(value));
            return List.of();
        }
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < value.size(); i++) {
            String id = idElement(field + "[" + i + "]", value.get(i));
            if (id != null && !ids.add(id)) {
                error(field + "[" + i + "]", field + " lists " + quote(id) + " twice");
            }
        }
        return new ArrayList<>(ids);
    }

    /** Reports a mistake about one field of this entry. */
    void error(String field, String message) {
        errors.add(label, path + "." + field, message);
    }

    private String idElement(String field, JsonNode element) {
        if (!element.isTextual()) {
            error(field, field + " must be an id string, got " + typeOf(element));
            return null;
        }
        return checkId(field, element.textValue());
    }

    private String checkId(String field, String id) {
        if (id != null && !ID.matcher(id).matches()) {
            error(field, field + " " + quote(id) + " is not a valid id ([A-Za-z0-9_-]{1,64})");
            return null;
        }
        return id;
    }

    private static String bounds(int min, int max) {
        return max == Integer.MAX_VALUE ? "at least " + min : min + ".." + max;
    }

    /** The JSON type of a node in words, for messages. */
    static String typeOf(JsonNode value) {
        return value.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** A value quoted for a message, cut short so that a huge value cannot flood the report. */
    static String quote(String value) {
        String shown = value.length() > 70 ? value.substring(0, 67) + "..." : value;
        return "\"" + shown + "\"";
    }
}
