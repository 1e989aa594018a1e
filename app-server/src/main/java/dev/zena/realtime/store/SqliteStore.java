package dev.zena.realtime.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Store} on one SQLite file in WAL mode, shared safely with other processes (the CLI, a second
 * server): writes are serialised by one writer connection and SQLite's file lock, reads use a small pool, and
 * every write is recorded in {@code change_log} by triggers so that other processes see it.
 */
public final class SqliteStore extends JdbcStore {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);
    private static final int READERS = 4;

    private final SqliteConnections connections;
    /**
     * The matrix last read on each pooled reader, with that reader's {@code PRAGMA data_version}: the matrix is read on
     * every access decision and almost never changes. The version moves when any other connection commits — our
     * writer or another process — so a hit is never stale; readers never write.
     */
    private final java.util.Map<Connection, ReadMatrix> matrices = new java.util.concurrent.ConcurrentHashMap<>();

    private record ReadMatrix(long dataVersion, PermissionMatrix matrix) {}

    private SqliteStore(SqliteConnections connections, Clock clock) {
        super(connections, clock);
        this.connections = connections;
    }

    /** Opens (creating and migrating when needed) with the system clock; commands go through {@link Stores#open}. */
    public static SqliteStore open(String db) {
        return open(db, Clock.systemUTC());
    }

    /**
     * Opens a file path or {@code jdbc:sqlite:} URL, creating parent directories, and migrates it to the latest
     * schema; {@code clock} decides when a revocation has expired. {@link Stores#open} calls it for every
     * {@code db} value of SQLite's kind.
     */
    public static SqliteStore open(String db, Clock clock) {
        SqliteConnections connections = SqliteConnections.open(db, READERS);
        try {
            String version = Migrations.migrate(connections.dataSource(), Migrations.SQLITE);
            LOG.info("store_open db={} schema_version={} readers={}", db, version, READERS);
            return new SqliteStore(connections, clock);
        } catch (RuntimeException e) {
            connections.close();
            throw e;
        }
    }

    @Override
    public PermissionMatrix permissions() {
        return connections.read(c -> {
            long version = dataVersion(c);
            ReadMatrix read = matrices.get(c);
            if (read != null && read.dataVersion() == version) {
                return read.matrix();
            }
            PermissionMatrix matrix = PermissionRows.read(c);
            matrices.put(c, new ReadMatrix(version, matrix));
            return matrix;
        });
    }

    private static long dataVersion(Connection c) throws SQLException {
        try (Statement statement = c.createStatement();
                ResultSet rs = statement.executeQuery("PRAGMA data_version")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public long lastChangeSeq() {
        return connections.read(SqliteChangeLog::lastSeq);
    }

    @Override
    public void prune(Instant now, int keep) {
        connections.write(c -> {
            SqliteChangeLog.prune(c, now, keep);
            return null;
        });
    }

    @Override
    void unreachable(StoreException e) {
        LOG.warn("store_unreachable error={}", e.getMessage());
    }

    @Override
    public void close() {
        connections.close();
        LOG.info("store_close");
    }
}
