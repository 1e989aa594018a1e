package dev.zena.realtime.node;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;

/** A node card as stored in Redis: JSON with instants as epoch milliseconds. */
final class CardJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CardJson() {}

    static String write(NodeCard card) {
        return JSON.createObjectNode()
                .put("id", card.id())
                .put("address", card.address())
                .put("started_at", card.startedAt().toEpochMilli())
                .put("connections", card.connections())
                .put("last_seen", card.lastSeen().toEpochMilli())
                .toString();
    }

    /** The card, or null for a field this version cannot read (it is then ignored, not fatal). */
    static NodeCard read(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (!node.path("id").isTextual() || !node.path("last_seen").canConvertToLong()) {
                return null;
            }
            return new NodeCard(
                    node.path("id").asText(),
                    node.path("address").asText(),
                    Instant.ofEpochMilli(node.path("started_at").asLong()),
                    node.path("connections").asInt(),
                    Instant.ofEpochMilli(node.path("last_seen").asLong()));
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
