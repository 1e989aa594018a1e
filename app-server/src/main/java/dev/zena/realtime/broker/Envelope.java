package dev.zena.realtime.broker;

import com.fasterxml.jackson.databind.JsonNode;

/** One event on its way to subscribers: the tenant it belongs to, its channel, name and payload. */
public record Envelope(String tenantId, String channel, String event, JsonNode data, boolean isTest) {
}
