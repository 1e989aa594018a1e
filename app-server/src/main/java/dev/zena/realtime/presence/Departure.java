package dev.zena.realtime.presence;

/** A user whose last connection left a channel and who did not come back within the leave grace. */
public record Departure(String channel, String tenantId, String userId, String userName) {}
