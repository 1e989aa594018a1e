package dev.zena.realtime.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A unit of JDBC work run by a store's connections ({@link SqliteConnections}, {@link PostgresConnections}) on a
 * connection they lend for the duration of the call.
 */
@FunctionalInterface
interface SqlWork<T> {
    /** Called with a connection the caller owns until it returns. */
    T run(Connection connection) throws SQLException;
}
