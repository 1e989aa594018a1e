package dev.zena.realtime.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything the server keeps: tenants, users, projects with members, tasks, the permission matrix and revoked
 * tokens. Implementations are thread-safe; every call may block briefly on I/O; every write commits before it
 * returns and is visible to other processes sharing the same database. Failures surface as
 * {@link StoreException}.
 */
public interface Store extends Accounts, AutoCloseable {

    /** The tenant with this id. */
    Optional<Tenant> tenant(String id);

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

    /** The current permission matrix. */
    PermissionMatrix permissions();

    /** Replaces the whole matrix. */
    void savePermissions(PermissionMatrix matrix);

    /** Records a revoked token id until {@code exp}. */
    void revoke(RevokedToken token);

    /** Sets a user's "tokens valid after" instant; false when the user does not exist. */
    boolean setTokensValidAfter(String userId, Instant instant);

    /** Applies a validated batch atomically: all of it or, on any failure, none of it. */
    void apply(ChangeSet changes);

    /** The sequence number of the latest recorded change (0 when none). */
    long lastChangeSeq();

    /** Changes recorded after {@code seq}, oldest first, at most {@code limit}. */
    List<Change> changesSince(long seq, int limit);

    /** Removes revocations whose token has expired, and change records older than the newest {@code keep}. */
    void prune(Instant now, int keep);

    /** True when the database answers a trivial query. */
    boolean isReachable();

    /** Closes the connections; later calls fail. */
    @Override
    void close();
}
