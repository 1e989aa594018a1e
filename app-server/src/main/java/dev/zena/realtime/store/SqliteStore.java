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
    private final ReadCache cache;

    private SqliteStore(SqliteConnections connections, Clock clock, ReadCache cache) {
        this.connections = connections;
        this.cache = cache;
        this.clock = clock;
    }

    /** Called at start-up by every command: opens (creating and migrating when needed) with the system clock. */
    public static SqliteStore open(String db) {
        return open(db, Clock.systemUTC());
    }

    /**
     * Opens a file path or {@code jdbc:sqlite:} URL, creating parent directories, and migrates it to the latest
     * schema; {@code clock} decides when a revocation has expired.
     */
    public static SqliteStore open(String db, Clock clock) {
        SqliteConnections connections = SqliteConnections.open(db, READERS);
        try {
            String version = Migrations.migrate(connections.dataSource());
            LOG.info("store_open db={} schema_version={} readers={}", db, version, READERS);
            return new SqliteStore(connections, clock, ReadCache.forDatabase(connections.url()));
        } catch (RuntimeException e) {
            connections.close();
            throw e;
        }
    }

    @Override
    public Optional<Tenant> tenant(String id) {
        return cache.get(new ReadCache.Key('n', id), () -> connections.read(
                c -> EntityQueries.first(EntityQueries.tenants(c, "WHERE id = ?", id))));
    }

    @Override
    public List<Tenant> tenants() {
        return connections.read(c -> EntityQueries.tenants(c, ""));
    }

    @Override
    public Optional<User> user(String id) {
        return cache.get(new ReadCache.Key('u', id), () -> connections.read(
                c -> EntityQueries.first(EntityQueries.users(c, "WHERE id = ?", id))));
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
        return cache.get(new ReadCache.Key('p', id), () -> connections.read(
                c -> EntityQueries.first(EntityQueries.projects(c, "WHERE p.id = ?", id))));
    }

    @Override
    public List<Project> projects(String tenantId) {
        return connections.read(c -> EntityQueries.projects(c, "WHERE p.tenant_id = ?", tenantId));
    }

    @Override
    public Optional<Task> task(String id) {
        return cache.get(new ReadCache.Key('t', id), () -> connections.read(
                c -> EntityQueries.first(EntityQueries.tasks(c, "WHERE id = ?", id))));
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
        write(c -> {
            EntityWrites.upsertTask(c, task);
            return null;
        });
    }

    @Override
    public PermissionMatrix permissions() {
        return cache.get(new ReadCache.Key('m', ""), () -> connections.read(PermissionRows::read));
    }

    /** Replaces every role's set; administrative permissions stay as in {@link PermissionMatrix#DEFAULT}. */
    @Override
    public void savePermissions(PermissionMatrix matrix) {
        write(c -> {
            PermissionRows.replaceRoles(c, matrix.grants());
            return null;
        });
    }

    @Override
    public void revoke(RevokedToken token) {
        write(c -> {
            ChangeLogRows.revoke(c, token);
            return null;
        });
    }

    @Override
    public boolean setTokensValidAfter(String userId, Instant instant) {
        return write(c -> EntityWrites.setTokensValidAfter(c, userId, instant));
    }

    /**
     * Deletions first (tasks, projects, users, tenants), then upserts (tenants, users, projects, tasks), role
     * sets and revocations, in one transaction. An upserted user's {@code tokensValidAfter} never moves an
     * existing value back (null keeps it).
     */
    @Override
    public void apply(ChangeSet changes) {
        write(c -> {
            EntityWrites.apply(c, changes);
            return null;
        });
    }

    /** Drops the cached reads; called by the server's change-log poll when another process may have written. */
    @Override
    public void invalidateCaches() {
        cache.invalidate();
    }

    /** Every write: the cached reads are dropped before and after it, so this process sees its own writes at once. */
    private <T> T write(SqlWork<T> work) {
        cache.invalidate();
        try {
            return connections.write(work);
        } finally {
            cache.invalidate();
        }
    }

    @Override
    public long lastChangeSeq() {
        return connections.read(ChangeLogRows::lastSeq);
    }

    @Override
    public List<Change> changesSince(long seq, int limit) {
        return connections.read(c -> ChangeLogRows.since(c, seq, limit));
    }

    @Override
    public void prune(Instant now, int keep) {
        write(c -> {
            ChangeLogRows.prune(c, now, keep);
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
