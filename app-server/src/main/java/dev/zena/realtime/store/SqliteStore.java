package dev.zena.realtime.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
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
     * The permission matrix and single rows (a tenant, user, project or task by id, present or absent), kept until
     * any connection commits: each lookup first asks one pooled reader for its {@code PRAGMA data_version}, which
     * moves whenever another connection (our writer, the CLI, a second server) has committed since that reader last
     * asked, and a move drops everything kept. So a value is never older than the lookup that returns it, and the
     * access decision of a connection storm reads its project, task and matrix from memory.
     */
    private final ReadCache kept = new ReadCache();
    /** Per pooled reader (each lent to one thread at a time): its prepared version query and the version last seen. */
    private final Map<Connection, ReaderVersion> versions = new ConcurrentHashMap<>();

    private static final class ReaderVersion {
        final PreparedStatement query;
        long seen = -1;

        ReaderVersion(Connection c) throws SQLException {
            this.query = c.prepareStatement("PRAGMA data_version");
        }
    }

    private SqliteStore(SqliteConnections connections, Clock clock) {
        super(connections, clock);
        this.connections = connections;
        kept.trust();
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

    /** The matrix as kept since the last commit any reader saw, or read now. */
    @Override
    public PermissionMatrix permissions() {
        return cached("matrix", () -> connections.read(PermissionRows::read));
    }

    /** A row as kept since the last commit any reader saw, or read now. */
    @Override
    <T> T cached(String key, Supplier<T> read) {
        connections.read(this::dropWhenCommitted);
        return kept.get(key, read);
    }

    /**
     * Rows read in one go, kept until a reader sees the next commit. Every reader is asked first, not one as in
     * {@link #cached}: a reader that has not asked since an earlier commit (at start, none has) would otherwise drop
     * what is kept at its first lookup, though nothing was committed since.
     */
    @Override
    int keptAll(Supplier<Map<String, ?>> read, int room) {
        connections.readOnEach(this::dropWhenCommitted);
        return kept.keepAll(read, room);
    }

    /**
     * Asks this reader whether anything was committed since it last asked; if so, drops what is kept. Every reader
     * sees every commit, so the first lookup after a commit, on whichever reader, drops it.
     */
    private Void dropWhenCommitted(Connection c) throws SQLException {
        ReaderVersion reader = versions.get(c);
        if (reader == null) {
            reader = new ReaderVersion(c);
            versions.put(c, reader);
        }
        long version;
        try (ResultSet rs = reader.query.executeQuery()) {
            rs.next();
            version = rs.getLong(1);
        }
        if (version != reader.seen) {
            kept.invalidate();
            reader.seen = version;
        }
        return null;
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
