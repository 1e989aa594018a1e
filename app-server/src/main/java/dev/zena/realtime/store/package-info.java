/**
 * Persistence: the {@link dev.zena.realtime.store.Store} contract (with its change feed), its domain records and
 * the permission matrix; {@link dev.zena.realtime.store.Stores}, which opens the store a {@code db} URL names;
 * {@link dev.zena.realtime.store.SqliteStore}, the embedded default, and
 * {@link dev.zena.realtime.store.PostgresStore}, the store a cluster shares (its pool, change listener and
 * matrix cache). Both share their SQL (entity queries and writes, the permission rows) and migrate with Flyway
 * from one folder per dialect ({@code db/migration/sqlite}, {@code db/migration/postgresql}), where triggers fill
 * the change log that lets a server notice writes made by other processes. The only package that imports
 * {@code java.sql}, the JDBC drivers, the pool and Flyway.
 */
package dev.zena.realtime.store;
