package dev.zena.realtime.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything the server keeps: tenants, users, projects with members, tasks, the permission matrix and revoked
 * tokens. Implementations are thread-safe; every call may block briefly on I/O; every write commits before it
 * returns and is visible to other processes sharing the same database. Failures surface as
 * {@link StoreException}. Opened by {@link Stores#open}, which picks the implementation from the {@code db}
 * URL; {@code StoreContract} (tests) is what every implementation must pass.
 *
 * <h2>The change feed</h2>
 * Every committed write is recorded by the store itself, whichever process made it, as {@link Change}s that
 * readers page through with {@link #changesSince} (a server re-checks live connections this way, SPEC §4.2).
 * Implementations guarantee:
 * <ul>
 *   <li><b>Every row that changed, and only those.</b> One change per row inserted, updated or deleted,
 *       including rows a deletion cascades to; a write that changes nothing records nothing.</li>
 *   <li><b>Commit order, strictly rising.</b> Changes come back in the order their transactions committed, and
 *       their {@code seq} rises strictly in that order. The numbers need not be contiguous.</li>
 *   <li><b>No gaps.</b> Once a change with seq {@code S} is visible (returned by {@code changesSince}, or counted
 *       by {@link #lastChangeSeq}), no change with a seq below {@code S} can commit later. So a reader that
 *       remembers the last seq it was given and asks for what follows sees every change exactly once.</li>
 * </ul>
 * A database sequence alone does not give this: PostgreSQL hands out a number at insert, not at commit, so a
 * transaction that took 41 can commit after one that took 42, and a reader already past 42 never sees 41. An
 * implementation must therefore serialise its change-log inserts until commit — in PostgreSQL, for example, a
 * transaction-scoped advisory lock ({@code pg_advisory_xact_lock}) taken before the first change is numbered —
 * so that seq order is commit order. SQLite meets it with its single writer: {@code BEGIN IMMEDIATE} holds the
 * database's write lock from the first insert to the commit.
 */
public interface Store extends Accounts, AutoCloseable {

    /** The tenant with this id. */
    Optional<Tenant> tenant(String id);

    /**
     * Called once by a server before it opens its port: reads up to {@code limit} users (the first by id) in one
     * query and keeps them exactly as {@link #user} keeps what it reads, so that the reconnect storm after a restart
     * reads no user row per handshake. What is kept is dropped, as any kept row, at the next change. Returns how many
     * were kept: 0 for a store that keeps nothing, or whose cache is not trusted (PostgreSQL's listener is not
     * connected).
     */
    default int preloadUsers(int limit) {
        return 0;
    }

    /** Every tenant, ordered by id. */
    List<Tenant> tenants();

    /** Users of one tenant, ordered by id. */
    List<User> users(String tenantId);

    /** Every user of every tenant, ordered by id. */
    List<User> allUsers();

    /** The project with this id, with its members. */
    Optional<Project> project(String id);

    /** Projects of one tenant, ordered by id. */
    List<Project> projects(String tenantId);

    /** The task with this id. */
    Optional<Task> task(String id);

    /** Tasks of one tenant, ordered by id. */
    List<Task> tasks(String tenantId);

    /** Inserts or replaces one task (its project and assignee are assumed valid). */
    void saveTask(Task task);

    /**
     * Called on every access decision: the current permission matrix. A store may keep it in memory, since it
     * rarely changes, within this staleness bound, which every store must meet: a change made through this
     * instance is returned by the next call (read-your-writes); a change made by another instance or process is
     * returned within 1 s of its commit. {@link SqliteStore} asks SQLite on every call whether anything was
     * committed since, and is never stale; {@link PostgresStore} is invalidated by its change listener, typically
     * within milliseconds.
     */
    PermissionMatrix permissions();

    /** Replaces the whole matrix. */
    void savePermissions(PermissionMatrix matrix);

    /** Records a revoked token id until {@code exp}. */
    void revoke(RevokedToken token);

    /** Sets a user's "tokens valid after" instant; false when the user does not exist. */
    boolean setTokensValidAfter(String userId, Instant instant);

    /** Applies a validated batch atomically: all of it or, on any failure, none of it. */
    void apply(ChangeSet changes);

    /**
     * Called by a reader when it starts, to begin at "now": the seq of the latest committed change (0 when none).
     * Every change numbered up to it has committed and none so numbered can commit later; it never goes back, not
     * even when {@link #prune} empties the log.
     */
    long lastChangeSeq();

    /**
     * Called by a reader on every poll with the last seq it was given: up to {@code limit} committed changes with
     * a seq above {@code seq}, in commit order with strictly rising seq, none ever skipped (see the change feed
     * above); only {@link #prune} removes changes, and a reader that falls that far behind does not get them.
     */
    List<Change> changesSince(long seq, int limit);

    /** Removes revocations whose token has expired, and every change record but the newest {@code keep}. */
    void prune(Instant now, int keep);

    /**
     * Called once by a server at start: registers {@code callback} to be run soon after any process commits a
     * change, so that it can read the feed at once rather than at its next poll. A wake-up is a hint, never the
     * change itself: it may come late, twice, for several changes at once, or with nothing new to read, and
     * {@link #changesSince} stays the truth, so a reader keeps polling too (less often while
     * {@link #isWatchingChanges}). The callback runs on the store's own
     * thread and must return quickly (hand the work to another thread). The default does nothing, for a store
     * that offers no wake-up: {@link SqliteStore}'s readers poll the file, which is cheap. {@link PostgresStore}
     * runs it after each {@code NOTIFY} of its change log, and after it reconnects to the database.
     */
    default void onChange(Runnable callback) {
        // no wake-up: readers poll
    }

    /**
     * True while the {@link #onChange} callbacks are sure to run soon after any commit (PostgreSQL's listener is
     * connected and listening): a reader may then poll the feed less often, as a safety net. False for a store that
     * offers no wake-up, and while the wake-ups may be missed. Cheap; never blocks.
     */
    default boolean isWatchingChanges() {
        return false;
    }

    /**
     * The store's identity: a random id drawn once when the database was created, the same for every process that
     * opens it. Nodes of a cluster compare it to refuse one that points at another database (SPEC §11).
     */
    String identity();

    /** True when the database answers a trivial query. */
    boolean isReachable();

    /** Closes the connections; later calls fail. */
    @Override
    void close();
}
