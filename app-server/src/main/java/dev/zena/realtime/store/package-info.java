/**
 * Persistence: the {@link dev.zena.realtime.store.Store} contract (with its change feed), its domain records and
 * the permission matrix; {@link dev.zena.realtime.store.Stores}, which opens the store a {@code db} URL names; and
 * {@link dev.zena.realtime.store.SqliteStore}, the SQLite implementation with its Flyway migrations
 * ({@code db/migration}) and the trigger-filled change log that lets a server notice writes made by other
 * processes. The only package that imports {@code java.sql}.
 */
package dev.zena.realtime.store;
