package dev.zena.realtime.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import javax.sql.DataSource;

/**
 * The connections of one {@link PostgresStore}: a bounded HikariCP pool for reads and writes, and dedicated
 * connections outside it for the change listener. Waiting for a connection gives up after 2 s, so that calls fail
 * fast with a {@link StoreException} while the database is down, and the pool refills itself when it is back.
 * Every write is one transaction that first takes the change-log lock ({@link #CHANGE_LOG_LOCK}).
 */
final class PostgresConnections implements SqlConnections {
    /** Most connections one store holds: a server's request threads share them, and they are short-lived. */
    static final int POOL_SIZE = 10;
    /** How long a call waits for a pooled connection (or for a new one to open) before it fails. */
    static final long CONNECTION_TIMEOUT_MILLIS = 2_000;
    /**
     * The transaction-scoped advisory lock that serialises change-log numbering with commits, so that seq order is
     * commit order (the change-log triggers of {@code V2__change_log.sql} take the same key). 'zena' in ASCII.
     */
    static final long CHANGE_LOG_LOCK = 0x7a656e61L;
    /** A backstop against a server that stopped answering mid-query; no query of ours comes near it. */
    private static final int POOL_SOCKET_TIMEOUT_SECONDS = 60;
    /** Short for the listener, whose periodic check notices a silent connection by it. */
    private static final int LISTENER_SOCKET_TIMEOUT_SECONDS = 5;

    private final PostgresUrl url;
    private final HikariDataSource pool;
    private volatile boolean isClosed;

    private PostgresConnections(PostgresUrl url, HikariDataSource pool) {
        this.url = url;
        this.pool = pool;
    }

    /** Called once by {@link PostgresStore#open}: starts the pool, failing when no connection can be made. */
    static PostgresConnections open(PostgresUrl url) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("zena-store");
        config.setDataSource(url.dataSource(POOL_SOCKET_TIMEOUT_SECONDS));
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(2);
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        config.setValidationTimeout(1_000);
        try {
            return new PostgresConnections(url, new HikariDataSource(config));
        } catch (HikariPool.PoolInitializationException e) {
            throw new StoreException("cannot connect to " + url.shown() + ": " + causeOf(e), e);
        }
    }

    /** The pool, for the migrations. */
    DataSource dataSource() {
        return pool;
    }

    /** What logs and errors may print of the URL. */
    String shown() {
        return url.shown();
    }

    /** Runs read-only work on a pooled connection in auto-commit mode: each statement sees one snapshot. */
    @Override
    public <T> T read(SqlWork<T> work) {
        ensureOpen();
        try (Connection connection = pool.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw failure("database read failed", e);
        }
    }

    /**
     * Runs work in one transaction: committed when it returns, rolled back if it throws. The change-log lock is
     * taken first, before any row is touched, so that two of our writers never deadlock (one would otherwise hold a
     * row the other needs while waiting for the lock the triggers take); it is held until the commit.
     */
    @Override
    public <T> T write(SqlWork<T> work) {
        ensureOpen();
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                lockChangeLog(connection);
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw failure("database write failed", e);
        }
    }

    /**
     * Opens a connection outside the pool, for the listener thread that owns it until it closes it; its reads time
     * out after a few seconds, so that a connection the network dropped silently is noticed.
     */
    Connection openDedicated() throws SQLException {
        ensureOpen();
        return url.dataSource(LISTENER_SOCKET_TIMEOUT_SECONDS).getConnection();
    }

    /** True once {@link #close} has run. */
    boolean isClosed() {
        return isClosed;
    }

    /** Called by {@link PostgresStore#close}: closes the pool, waiting briefly for borrowed connections. */
    @Override
    public void close() {
        isClosed = true;
        pool.close();
    }

    private static void lockChangeLog(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            statement.setLong(1, CHANGE_LOG_LOCK);
            statement.execute();
        }
    }

    private static void rollback(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * The exception a caller gets: one that names the database when it could not be reached (no connection within
     * the timeout, or one cut by the server or the network; the pool drops such a connection), else the SQL error.
     */
    private StoreException failure(String what, SQLException e) {
        if (isConnectionProblem(e)) {
            String cause = e.getCause() != null && e.getCause().getMessage() != null
                    ? e.getCause().getMessage()
                    : "";
            return new StoreException(
                    "cannot reach the database " + url.shown() + ": " + e.getMessage()
                            + (cause.isEmpty() || e.getMessage().contains(cause) ? "" : " (" + cause + ")"),
                    e);
        }
        return new StoreException(what + ": " + e.getMessage(), e);
    }

    /** Class 08 (connection exception) and 57P01–57P03 (the server shutting down or starting). */
    private static boolean isConnectionProblem(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return e instanceof SQLTransientConnectionException || state.startsWith("08") || state.startsWith("57P0");
    }

    private void ensureOpen() {
        if (isClosed) {
            throw new StoreException("store is closed");
        }
    }

    private static String causeOf(Throwable e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return cause.getMessage();
    }
}
