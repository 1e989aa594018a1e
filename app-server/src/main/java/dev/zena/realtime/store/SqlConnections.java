package dev.zena.realtime.store;

/**
 * Where a JDBC store runs its {@link SqlWork}: a read on a pooled reader, a write in one transaction on a writer.
 * {@link SqliteConnections} and {@link PostgresConnections} differ in how they pool, retry and report outages, not
 * in this.
 */
interface SqlConnections extends AutoCloseable {

    /** Runs {@code work} on a connection for reading. Throws {@link StoreException} when the database fails. */
    <T> T read(SqlWork<T> work);

    /** Runs {@code work} in one transaction, committed when it returns. Throws {@link StoreException} on failure. */
    <T> T write(SqlWork<T> work);

    @Override
    void close();
}
