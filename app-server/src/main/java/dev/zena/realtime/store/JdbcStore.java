package dev.zena.realtime.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the SQLite and PostgreSQL stores do alike: the same schema, so the same queries ({@link EntityQueries},
 * {@link EntityWrites}, {@link ChangeLogRows}) on connections each engine lends its own way. A subclass adds how it
 * caches the permission matrix and single rows ({@link #cached}, told of its own writes by {@link #written}),
 * reads its change log and tells of changes.
 */
abstract sealed class JdbcStore implements Store permits SqliteStore, PostgresStore {

    private final SqlConnections connections;
    private final Clock clock;

    JdbcStore(SqlConnections connections, Clock clock) {
        this.connections = connections;
        this.clock = clock;
    }

    final SqlConnections connections() {
        return connections;
    }

    @Override
    public final Optional<Tenant> tenant(String id) {
        return cached(
                "tenant:" + id,
                () -> connections.read(c -> EntityQueries.first(EntityQueries.tenants(c, "WHERE id = ?", id))));
    }

    @Override
    public final List<Tenant> tenants() {
        return connections.read(c -> EntityQueries.tenants(c, ""));
    }

    @Override
    public final Optional<User> user(String id) {
        return cached(
                userKey(id),
                () -> connections.read(c -> EntityQueries.first(EntityQueries.users(c, "WHERE id = ?", id))));
    }

    /**
     * Reads the first {@code limit} users by id in one query and keeps each as {@link #user} would, under the same
     * key, so that the first handshake of each after a restart reads no row (see {@link Store#preloadUsers}).
     */
    @Override
    public final int preloadUsers(int limit) {
        return keptAll(
                () -> {
                    Map<String, Object> byKey = new LinkedHashMap<>();
                    for (User user : connections.read(c -> EntityQueries.firstUsers(c, limit))) {
                        byKey.put(userKey(user.id()), Optional.of(user));
                    }
                    return byKey;
                },
                limit);
    }

    /** The key a user's row is kept under, by {@link #user} and by the preload alike. */
    private static String userKey(String id) {
        return "user:" + id;
    }

    @Override
    public final List<User> users(String tenantId) {
        return connections.read(c -> EntityQueries.users(c, "WHERE tenant_id = ?", tenantId));
    }

    @Override
    public final List<User> allUsers() {
        return connections.read(c -> EntityQueries.users(c, ""));
    }

    @Override
    public final Optional<Project> project(String id) {
        return cached(
                "project:" + id,
                () -> connections.read(c -> EntityQueries.first(EntityQueries.projects(c, "WHERE p.id = ?", id))));
    }

    @Override
    public final List<Project> projects(String tenantId) {
        return connections.read(c -> EntityQueries.projects(c, "WHERE p.tenant_id = ?", tenantId));
    }

    @Override
    public final Optional<Task> task(String id) {
        return cached(
                "task:" + id,
                () -> connections.read(c -> EntityQueries.first(EntityQueries.tasks(c, "WHERE id = ?", id))));
    }

    @Override
    public final List<Task> tasks(String tenantId) {
        return connections.read(c -> EntityQueries.tasks(c, "WHERE tenant_id = ?", tenantId));
    }

    @Override
    public final boolean isRevoked(String jti) {
        return connections.read(c -> ChangeLogRows.isRevoked(c, jti, clock.instant()));
    }

    @Override
    public final void saveTask(Task task) {
        write(c -> {
            EntityWrites.upsertTask(c, task);
            return null;
        });
    }

    /** Replaces every role's set; administrative permissions stay as in {@link PermissionMatrix#DEFAULT}. */
    @Override
    public void savePermissions(PermissionMatrix permissions) {
        write(c -> {
            PermissionRows.replaceRoles(c, permissions.grants());
            return null;
        });
    }

    @Override
    public final void revoke(RevokedToken token) {
        write(c -> {
            ChangeLogRows.revoke(c, token);
            return null;
        });
    }

    @Override
    public final boolean setTokensValidAfter(String userId, Instant instant) {
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

    @Override
    public final String identity() {
        return connections.read(c -> {
            try (Statement statement = c.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT id FROM store_identity")) {
                return rs.next() ? rs.getString(1) : "";
            }
        });
    }

    @Override
    public final List<Change> changesSince(long seq, int limit) {
        return connections.read(c -> ChangeLogRows.since(c, seq, limit));
    }

    /** True when a {@code SELECT 1} succeeds; a failure is the subclass's to log ({@link #unreachable}). */
    @Override
    public final boolean isReachable() {
        try {
            return connections.read(JdbcStore::selectOne);
        } catch (StoreException e) {
            unreachable(e);
            return false;
        }
    }

    /**
     * A single row (or its absence) under {@code key}: as {@code read} answers it, or as the subclass kept it while
     * no change was seen since. This one reads every time.
     */
    <T> T cached(String key, Supplier<T> read) {
        return read.get();
    }

    /**
     * Many rows read by {@code read} in one go, each under its key, kept as {@link #cached} would keep them while
     * fewer than {@code room} are kept; returns how many were kept. This one keeps nothing.
     */
    int keptAll(Supplier<Map<String, ?>> read, int room) {
        return 0;
    }

    /** Called after each write of this store, committed or not: what a subclass kept may be stale. */
    void written() {}

    /** Every write goes through here, so that {@link #written} follows it. */
    private <T> T write(SqlWork<T> work) {
        try {
            return connections.write(work);
        } finally {
            written();
        }
    }

    /** Called when {@link #isReachable} failed: logs it as the engine names its database. */
    abstract void unreachable(StoreException e);

    private static boolean selectOne(Connection c) throws SQLException {
        try (Statement statement = c.createStatement();
                ResultSet rs = statement.executeQuery("SELECT 1")) {
            return rs.next();
        }
    }
}
