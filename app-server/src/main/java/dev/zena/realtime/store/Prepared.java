package dev.zena.realtime.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A statement for one use, on a connection that may keep its statements: SQLite's pooled readers keep each
 * statement they prepared, since preparing one (parsing and planning the SQL) costs about as much as the lookup it
 * runs, and a connection storm looks up a user and a revocation per handshake; any other connection (PostgreSQL's,
 * whose driver keeps server-side statements itself, or SQLite's writer) prepares it now and closes it after use.
 * Use in try-with-resources, closing the result set before the statement. Only for SQL from a fixed set of texts
 * (values go in parameters): a connection keeps at most {@link #MAX_KEPT}.
 */
final class Prepared implements AutoCloseable {

    /** Most statements one connection keeps; more are prepared and closed per use. */
    static final int MAX_KEPT = 64;

    /** The statements of the connections that keep theirs, each used by one thread at a time (a lent reader). */
    private static final Map<Connection, Map<String, PreparedStatement>> KEPT = new ConcurrentHashMap<>();

    private final PreparedStatement statement;
    private final boolean isKept;

    private Prepared(PreparedStatement statement, boolean isKept) {
        this.statement = statement;
        this.isKept = isKept;
    }

    /**
     * Called by the owner of {@code connection} when it opens it: from now on its statements are kept until
     * {@link #forget}. Only for a connection that one thread at a time uses (a pool hands it out).
     */
    static void keepStatementsOf(Connection connection) {
        KEPT.put(connection, new HashMap<>());
    }

    /** Called by the owner of {@code connection} before it closes it: closes the statements it kept. */
    static void forget(Connection connection) {
        Map<String, PreparedStatement> kept = KEPT.remove(connection);
        if (kept == null) {
            return;
        }
        for (PreparedStatement statement : kept.values()) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // the connection closes next, and its statements with it
            }
        }
    }

    /** {@code sql} prepared on {@code connection}: the one it kept, or a new one. */
    static Prepared of(Connection connection, String sql) throws SQLException {
        Map<String, PreparedStatement> kept = KEPT.get(connection);
        if (kept == null) {
            return new Prepared(connection.prepareStatement(sql), false);
        }
        PreparedStatement statement = kept.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            if (kept.size() >= MAX_KEPT) {
                return new Prepared(statement, false);
            }
            kept.put(sql, statement);
        }
        return new Prepared(statement, true);
    }

    PreparedStatement statement() {
        return statement;
    }

    /** Closes a statement prepared for this use; a kept one only forgets its parameters. */
    @Override
    public void close() throws SQLException {
        if (isKept) {
            statement.clearParameters();
        } else {
            statement.close();
        }
    }
}
