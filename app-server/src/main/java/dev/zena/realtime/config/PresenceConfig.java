package dev.zena.realtime.config;

import java.time.Duration;

/**
 * Presence (SPEC §10): replies list at most {@code maxUsers} users, and above that many a channel announces
 * summaries; a user back within {@code leaveGrace} produces no event.
 */
public record PresenceConfig(int maxUsers, Duration leaveGrace) {}
