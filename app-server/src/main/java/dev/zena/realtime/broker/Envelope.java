package dev.zena.realtime.broker;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One event on its way to subscribers: the tenant it belongs to, its channel, name and payload; and
 * {@code exceptConnection}, the id of the one connection it must skip (a Pusher {@code socket_id}, SPEC §12), null
 * for none. It travels with the event to every node, since that connection may be on any of them.
 */
public record Envelope(
        String tenantId, String channel, String event, JsonNode data, boolean isTest, String exceptConnection) {

    /** An event for every subscriber of its tenant. */
    public Envelope(String tenantId, String channel, String event, JsonNode data, boolean isTest) {
        this(tenantId, channel, event, data, isTest, null);
    }
}
