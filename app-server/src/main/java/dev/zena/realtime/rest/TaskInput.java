package dev.zena.realtime.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zena.realtime.access.ChannelCatalog;
import dev.zena.realtime.http.ApiException;
import java.io.IOException;
import java.util.Optional;

/**
 * The body of {@code POST /api/v1/app/tasks} and {@code PATCH /api/v1/app/tasks/{id}}, checked field by field:
 * every mistake is a 400 naming the field. For PATCH, an absent field is "unchanged" and a JSON null
 * {@code assignee_id} unassigns.
 */
record TaskInput(String projectId, String title, String status, Optional<String> assigneeId) {

    static final int MAX_TITLE = 200;
    static final int MAX_STATUS = 32;

    /** Parses a creation body: project_id and title required; status defaults to "open". */
    static TaskInput forCreate(ObjectMapper mapper, byte[] body) {
        JsonNode root = object(mapper, body);
        String projectId = id(root, "project_id", true);
        String title = text(root, "title", MAX_TITLE, true);
        String status = text(root, "status", MAX_STATUS, false);
        return new TaskInput(projectId, title, status == null ? "open" : status, assignee(root));
    }

    /**
     * Parses a patch body: every field optional. {@code project_id} may be sent (a client writing back what GET
     * returned) but cannot change: the caller compares it with the stored task ({@link #requireSameProject}).
     */
    static TaskInput forPatch(ObjectMapper mapper, byte[] body) {
        JsonNode root = object(mapper, body);
        return new TaskInput(
                id(root, "project_id", false),
                text(root, "title", MAX_TITLE, false),
                text(root, "status", MAX_STATUS, false),
                assignee(root));
    }

    /** A 400 naming {@code project_id} when a patch asks to move the task to another project. */
    void requireSameProject(String currentProjectId) {
        if (projectId != null && !projectId.equals(currentProjectId)) {
            throw ApiException.badInput("project_id", "project_id cannot be changed");
        }
    }

    private static JsonNode object(ObjectMapper mapper, byte[] body) {
        JsonNode root;
        try {
            root = body.length == 0 ? null : mapper.readTree(body);
        } catch (IOException e) {
            throw ApiException.badInput("body", "The body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badInput("body", "The body must be a JSON object");
        }
        return root;
    }

    private static String text(JsonNode root, String field, int max, boolean isRequired) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            if (isRequired) {
                throw ApiException.badInput(field, field + " is required");
            }
            return null;
        }
        if (!node.isTextual() || node.asText().isEmpty() || node.asText().length() > max) {
            throw ApiException.badInput(field, field + " must be a string of 1.." + max + " characters");
        }
        return node.asText();
    }

    private static String id(JsonNode root, String field, boolean isRequired) {
        String value = text(root, field, 64, isRequired);
        if (value != null && !ChannelCatalog.ID.matcher(value).matches()) {
            throw ApiException.badInput(field, field + " must match [A-Za-z0-9_-]{1,64}");
        }
        return value;
    }

    /** Empty = absent (unchanged); Optional.of("") = explicit null (unassign); else the new assignee. */
    private static Optional<String> assignee(JsonNode root) {
        if (!root.has("assignee_id")) {
            return Optional.empty();
        }
        if (root.get("assignee_id").isNull()) {
            return Optional.of("");
        }
        return Optional.of(id(root, "assignee_id", true));
    }
}
