package dev.zena.realtime.store;

/**
 * One committed change recorded by the store itself (triggers), whichever process made it. {@code seq} rises
 * strictly; {@code kind} is one of {@code tenant}, {@code user}, {@code project}, {@code task}, {@code role},
 * {@code revoked}; {@code entityId} is the changed row's id (the role's wire name, the jti).
 */
public record Change(long seq, String kind, String entityId) {
}
