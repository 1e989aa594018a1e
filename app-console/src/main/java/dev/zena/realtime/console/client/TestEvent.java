package dev.zena.realtime.console.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A test event for {@code POST /api/v1/admin/events}: to every subscriber of {@code channel}, or to one connection
 * ({@code connectionId}, with an optional channel). {@code data} is already-validated JSON.
 */
public record TestEvent(String channel, String connectionId, String event, JsonNode data) {

    /** An event for every subscriber of a channel. */
    public static TestEvent toChannel(String channel, String event, JsonNode data) {
        return new TestEvent(channel, null, event, data);
    }

    /** An event for one connection, on channel {@code admin.test}. */
    public static TestEvent toConnection(String connectionId, String event, JsonNode data) {
        return new TestEvent(null, connectionId, event, data);
    }
}
