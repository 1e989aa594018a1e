package dev.zena.realtime.access;

import dev.zena.realtime.store.Permission;
import dev.zena.realtime.store.PermissionMatrix;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.User;
import java.util.EnumSet;
import java.util.Set;

/**
 * The one place that answers "may this user do X" for actions, beside {@link AccessPolicy}, which answers it for
 * reads: task writes, the admin API, the metrics endpoints, and acting as another user. Each answer is the caller's
 * role in the store's permission matrix, read on every call so that a role change applies at once; the wording of a
 * refusal is the caller's business. Thread-safe; blocks while the store answers.
 */
public final class Actions {

    private final Store store;

    /** Built once per server. */
    public Actions(Store store) {
        this.store = store;
    }

    /** Called before {@code POST /api/v1/app/tasks}: the role holds {@code tasks.create}. */
    public boolean mayCreateTask(User caller) {
        return store.permissions().allows(caller.role(), Permission.TASKS_CREATE);
    }

    /** Called before {@code PATCH /api/v1/app/tasks/{id}}, once the task may be read: the role holds {@code tasks.update}. */
    public boolean mayUpdateTask(User caller) {
        return store.permissions().allows(caller.role(), Permission.TASKS_UPDATE);
    }

    /**
     * Called by every admin request and by the admin feed's live re-check: every tenant with {@code admin.global},
     * the caller's own with {@code admin.access}, else none.
     */
    public Reach adminReach(User caller) {
        PermissionMatrix matrix = store.permissions();
        if (matrix.allows(caller.role(), Permission.ADMIN_GLOBAL)) {
            return Reach.EVERY_TENANT;
        }
        return matrix.allows(caller.role(), Permission.ADMIN_ACCESS) ? Reach.OWN_TENANT : Reach.NONE;
    }

    /**
     * Called by {@code GET /api/metrics/websocket}: none without {@code admin.access}; with it, every tenant when the
     * role also holds {@code admin.global}, else the caller's own.
     */
    public Reach metricsReach(User caller) {
        PermissionMatrix matrix = store.permissions();
        if (!matrix.allows(caller.role(), Permission.ADMIN_ACCESS)) {
            return Reach.NONE;
        }
        return matrix.allows(caller.role(), Permission.ADMIN_GLOBAL) ? Reach.EVERY_TENANT : Reach.OWN_TENANT;
    }

    /** Called by {@code GET /metrics} for a caller without the metrics token: the role holds {@code admin.global}. */
    public boolean mayScrapeMetrics(User caller) {
        return store.permissions().allows(caller.role(), Permission.ADMIN_GLOBAL);
    }

    /**
     * Called by the admin API before it acts as {@code target} (a test token minted for it): the permissions of
     * {@code target}'s role that {@code caller}'s role lacks. Empty means the caller may: it holds
     * {@code admin.global}, or every permission of the target's role (SPEC §6), so acting as the target never
     * gives it a right it does not have. The tenant is the caller's business (a tenant admin never sees a user of
     * another tenant); this rule is about rights only.
     */
    public Set<Permission> lacksToActAs(User caller, User target) {
        PermissionMatrix matrix = store.permissions();
        if (matrix.allows(caller.role(), Permission.ADMIN_GLOBAL)) {
            return Set.of();
        }
        Set<Permission> missing = EnumSet.noneOf(Permission.class);
        missing.addAll(matrix.of(target.role()));
        missing.removeAll(matrix.of(caller.role()));
        return missing;
    }
}
