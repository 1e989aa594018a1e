package dev.zena.realtime.store;

import java.time.Instant;

/**
 * A user of one tenant. {@code tokensValidAfter} (nullable) invalidates every token issued before it.
 */
public record User(
        String id, String tenantId, String name, String email, Role role, boolean isActive, Instant tokensValidAfter) {}
