package dev.zena.realtime.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zena.realtime.access.ChannelCatalog;
import dev.zena.realtime.hub.Connection;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The JSON side of the admin API: reading request bodies, writing answers, and the shared object shapes. */
final class AdminJson {

    private static final DateTimeFormatter INSTANT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final ObjectMapper mapper;

    AdminJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode object() {
        return mapper.createObjectNode();
    }

    /** Answers with a status and a JSON body. */
    void write(Context ctx, int status, JsonNode body) {
        ctx.status(status).contentType("application/json").result(body.toString());
    }

    /** The request body as a JSON object; a 400 naming {@code body} otherwise. */
    JsonNode body(Context ctx) {
        try {
            JsonNode root = mapper.readTree(ctx.bodyAsBytes());
            if (root == null || !root.isObject()) {
                throw AdminRefusal.badInput("body", "The body must be a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw AdminRefusal.badInput("body", "The body is not valid JSON");
        }
    }

    /** A string field, or null when absent or null; a 400 naming it when it has another type. */
    static String optionalString(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw AdminRefusal.badInput(field, field + " must be a string");
        }
        return value.asText();
    }

    /** A required non-empty string field; a 400 naming it otherwise. */
    static String requiredString(JsonNode body, String field) {
        String value = optionalString(body, field);
        if (value == null || value.isEmpty()) {
            throw AdminRefusal.badInput(field, field + " is required");
        }
        return value;
    }

    /** A required id of SPEC §1 syntax; a 400 naming the field otherwise. */
    static String requiredId(JsonNode body, String field) {
        return checkedId(requiredString(body, field), field);
    }

    /** An id checked against the syntax of SPEC §1 (path ids and body ids alike). */
    static String checkedId(String id, String field) {
        if (!ChannelCatalog.ID.matcher(id).matches()) {
            throw AdminRefusal.badInput(field, "Invalid id: must match [A-Za-z0-9_-]{1,64}");
        }
        return id;
    }

    /** An instant in the wire form of SPEC §3. */
    static String instant(Instant instant) {
        return INSTANT.format(instant);
    }

    /** A live connection as the list and the feed show it (docs/admin-api.md). */
    ObjectNode connection(Connection c) {
        ObjectNode node = mapper.createObjectNode();
        node.put("id", c.id())
                .put("user_id", c.isAuthenticated() ? c.principal().userId() : null)
                .put("tenant_id", c.tenantId())
                .put("remote_address", c.remoteAddress())
                .put("protocol", c.protocol())
                .put("connected_at", instant(c.connectedAt()));
        c.channels().forEach(node.putArray("channels")::add);
        node.put("messages_in", c.messagesIn())
                .put("messages_out", c.messagesOut())
                .put("bytes_in", c.bytesIn())
                .put("bytes_out", c.bytesOut())
                .put("last_activity", instant(Instant.ofEpochMilli(c.lastActivityMillis())))
                .put("authenticated", c.isAuthenticated());
        return node;
    }
}
