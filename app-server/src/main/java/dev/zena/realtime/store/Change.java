package dev.zena.realtime.store;

/**
 * One committed change recorded by the store itself (triggers), whichever process made it: {@code seq} is its
 * place in the change feed (see {@link Store#changesSince}), {@code kind} what it touched, {@code entityId} the
 * changed row's id (the role's wire name, the jti).
 */
public record Change(long seq, ChangeKind kind, String entityId) {}
