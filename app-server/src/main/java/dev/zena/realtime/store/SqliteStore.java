package dev.zena.realtime.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Store} on one SQLite file in WAL mode, shared safely with other processes (the CLI, a second
 * server): writes are serialised by one writer connection and SQLite's file lock, reads use a small pool, and
 * every write is recorded in {@code change_log} by triggers so that other processes see it.
 */
public final class SqliteStore implements Store {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);
    private static final int READERS = 4;

    private final SqliteConnections connections;
    private final Clock clock;
    /**
     * The matrix last read on each pooled reader, with that reader's {@code PRAGMA data_version}: the matrix is read on
     * every access decision and almost never changes. The version moves when any other connection commits — our
     * writer or another process — so a hit is never stale; readers never write.
     */
    private final java.util.Map<Connection, ReadMatrix> matrices = new java.util.concurrent.ConcurrentHashMap<>();

    private record ReadMatrix(long dataVersion, PermissionMatrix matrix) {
    }

    private SqliteStore(SqliteConnections connections, Clock clock) {
        this.connections = connections;
        this.clock = clock;
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
    public Optional<Tenant> tenant(String id) {
        return connections.read(c -> EntityQueries.first(EntityQueries.tenants(c, "WHERE id = ?", id)));
    }

    @Override
    public List<Tenant> tenants() {
        return connections.read(c -> EntityQueries.tenants(c, ""));
    }

    @Override
    public Optional<User> user(String id) {
        return connections.read(c -> EntityQueries.first(EntityQueries.users(c, "WHERE id = ?", id)));
    }

    @Override
    public List<User> users(String tenantId) {
        return connections.read(c -> EntityQueries.users(c, "WHERE tenant_id = ?", tenantId));
    }

    @Override
    public List<User> allUsers() {
        return connections.read(c -> EntityQueries.users(c, ""));
    }

    @Override
    public Optional<Project> project(String id) {
        return connections.read(c -> EntityQueries.first(EntityQueries.projects(c, "WHERE p.id = ?", id)));
    }

    @Override
    public List<Project> projects(String tenantId) {
        return connections.read(c -> EntityQueries.projects(c, "WHERE p.tenant_id = ?", tenantId));
    }

    @Override
    public Optional<Task> task(String id) {
        return connections.read(c -> EntityQueries.first(EntityQueries.tasks(c, "WHERE id = ?", id)));
    }

    @Override
    public List<Task> tasks(String tenantId) {
        return connections.read(c -> EntityQueries.tasks(c, "WHERE tenant_id = ?", tenantId));
    }

    @Override
    public boolean isRevoked(String jti) {
        return connections.read(c -> ChangeLogRows.isRevoked(c, jti, clock.instant()));
    }

    @Override
    public void saveTask(Task task) {
        connections.write(c -> {
            EntityWrites.upsertTask(c, task);
            return null;
        });
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
        try (Statement statement = c.createStatement(); ResultSet rs = statement.executeQuery("PRAGMA data_version")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Replaces every role's set; administrative permissions stay as in {@link PermissionMatrix#DEFAULT}. */
    @Override
    public void savePermissions(PermissionMatrix matrix) {
        connections.write(c -> {
            PermissionRows.replaceRoles(c, matrix.grants());
            return null;
        });
    }

    @Override
    public void revoke(RevokedToken token) {
        connections.write(c -> {
            ChangeLogRows.revoke(c, token);
            return null;
        });
    }

    @Override
    public boolean setTokensValidAfter(String userId, Instant instant) {
        return connections.write(c -> EntityWrites.setTokensValidAfter(c, userId, instant));
    }

    /**
     * Deletions first (tasks, projects, users, tenants), then upserts (tenants, users, projects, tasks), role
     * sets and revocations, in one transaction. An upserted user's {@code tokensValidAfter} never moves an
     * existing value back (null keeps it).
     */
    @Override
    public void apply(ChangeSet changes) {
        connections.write(c -> {
            EntityWrites.apply(c, changes);
            return null;
        });
    }

    @Override
    public long lastChangeSeq() {
        return connections.read(SqliteChangeLog::lastSeq);
    }

    @Override
    public String identity() {
        return connections.read(c -> {
            try (java.sql.Statement statement = c.createStatement();
                 java.sql.ResultSet rs = statement.executeQuery("SELECT id FROM store_identity")) {
                return rs.next() ? rs.getString(1) : "";
            }
        });
    }

    @Override
    public List<Change> changesSince(long seq, int limit) {
        return connections.read(c -> ChangeLogRows.since(c, seq, limit));
    }

    @Override
    public void prune(Instant now, int keep) {
        connections.write(c -> {
            SqliteChangeLog.prune(c, now, keep);
            return null;
        });
    }

    @Override
    public boolean isReachable() {
        try {
            return connections.read(SqliteStore::selectOne);
        } catch (StoreException e) {
            LOG.warn("store_unreachable error={}", e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        connections.close();
        LOG.info("store_close");
    }

    private static boolean selectOne(Connection c) throws SQLException {
        try (Statement statement = c.createStatement(); ResultSet rs = statement.executeQuery("SELECT 1")) {
            return rs.next();
        }
    }
}
