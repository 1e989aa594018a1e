package dev.zena.realtime.store;

/** A customer organisation; every other entity belongs to exactly one. */
public record Tenant(String id, String name) {}
