package dev.zena.realtime.store;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Store} on a PostgreSQL database shared by every node of a cluster (SPEC §11) and by the commands of
 * any of them (ADR 0017). Reads and writes go through a bounded pool ({@link PostgresConnections}); the schema and
 * the change log are the SQLite store's, with the triggers taking an advisory lock so that seq order is commit
 * order; a listener thread ({@link PostgresChangeListener}) is woken by {@code NOTIFY} when any process commits,
 * wakes the {@link #onChange} callbacks and keeps the permission matrix and single rows cached per node
 * ({@link ReadCache}).
 */
public final class PostgresStore extends JdbcStore {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresStore.class);

    private final PostgresConnections connections;
    private final ReadCache matrix;
    private final ReadCache rows;
    private final PostgresChangeListener listener;

    private PostgresStore(
            PostgresConnections connections,
            ReadCache matrix,
            ReadCache rows,
            PostgresChangeListener listener,
            Clock clock) {
        super(connections, clock);
        this.connections = connections;
        this.matrix = matrix;
        this.rows = rows;
        this.listener = listener;
    }

    /**
     * Connects to the {@code jdbc:postgresql:} URL {@code db} as {@code user} with {@code password} (each null to
     * take it from the URL, or the driver's default), migrates the schema and starts listening for changes;
     * {@code clock} decides when a revocation has expired. {@link Stores#open} calls it for every URL of this kind.
     * Throws {@link StoreException} within a few seconds when the database cannot be reached; no message or log
     * line carries the password.
     */
    public static PostgresStore open(String db, String user, String password, Clock clock) {
        PostgresUrl url = PostgresUrl.parse(db, user, password);
        PostgresConnections connections = PostgresConnections.open(url);
        try {
            String version = Migrations.migrate(connections.dataSource(), Migrations.POSTGRESQL);
            ReadCache matrix = new ReadCache();
            ReadCache rows = new ReadCache();
            PostgresChangeListener listener = PostgresChangeListener.start(connections, matrix, rows);
            LOG.info("store_open db={} schema_version={} pool={}", url.shown(), version, PostgresConnections.POOL_SIZE);
            return new PostgresStore(connections, matrix, rows, listener, clock);
        } catch (RuntimeException e) {
            connections.close();
            throw e;
        }
    }

    /**
     * The cached matrix: no database read unless a role change invalidated it (see {@link Store#permissions} for
     * how fresh it is), or the listener is reconnecting, when every call reads it.
     */
    @Override
    public PermissionMatrix permissions() {
        ensureOpen();
        return matrix.get("matrix", () -> connections.read(PermissionRows::read));
    }

    /** A row as kept since the last change this node saw or made, or read now. */
    @Override
    <T> T cached(String key, Supplier<T> read) {
        return rows.get(key, read);
    }

    /** Rows read in one go, kept while the listener is connected and nothing changed since the read began. */
    @Override
    int keptAll(Supplier<Map<String, ?>> read, int room) {
        return rows.keepAll(read, room);
    }

    /** Any write of this store's may change rows; the matrix only with role sets. */
    @Override
    void written() {
        rows.invalidate();
    }

    /** Replaces every role's set; administrative permissions stay as in {@link PermissionMatrix#DEFAULT}. */
    @Override
    public void savePermissions(PermissionMatrix permissions) {
        try {
            super.savePermissions(permissions);
        } finally {
            matrix.invalidate();
        }
    }

    /**
     * Deletions first (tasks, projects, users, tenants), then upserts (tenants, users, projects, tasks), role
     * sets and revocations, in one transaction; a batch with role sets invalidates the cached matrix.
     */
    @Override
    public void apply(ChangeSet changes) {
        try {
            super.apply(changes);
        } finally {
            if (!changes.rolePermissions().isEmpty()) {
                matrix.invalidate();
            }
        }
    }

    @Override
    public long lastChangeSeq() {
        return connections.read(PostgresChangeLog::lastSeq);
    }

    @Override
    public void prune(Instant now, int keep) {
        connections.write(c -> {
            PostgresChangeLog.prune(c, now, keep);
            return null;
        });
    }

    /**
     * Runs {@code callback} on the store's listener thread soon after any process commits a change, and after the
     * listener reconnects; see {@link Store#onChange}.
     */
    @Override
    public void onChange(Runnable callback) {
        listener.onChange(callback);
    }

    /** True while the listener is connected and listening (it also looks at the log itself every 5 s, ADR 0040). */
    @Override
    public boolean isWatchingChanges() {
        return listener.isListening();
    }

    @Override
    void unreachable(StoreException e) {
        LOG.warn("store_unreachable db={} error={}", connections.shown(), e.getMessage());
    }

    @Override
    public void close() {
        listener.close();
        connections.close();
        LOG.info("store_close db={}", connections.shown());
    }

    private void ensureOpen() {
        if (connections.isClosed()) {
            throw new StoreException("store is closed");
        }
    }
}
