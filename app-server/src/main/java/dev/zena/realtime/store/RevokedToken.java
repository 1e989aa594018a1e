package dev.zena.realtime.store;

import java.time.Instant;

/** A revoked token id, kept until its own expiry. */
public record RevokedToken(String jti, Instant exp) {}
