package dev.zena.realtime.access;

import dev.zena.realtime.store.Change;
import dev.zena.realtime.store.ChangeKind;
import dev.zena.realtime.store.Store;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Which live connections and channels depend on a changed entity: the answer live revocation needs to re-check no
 * more than a change can affect, and no less (SPEC §4.2). The rule follows what {@link AccessPolicy#decide} and the
 * token rule read:
 * <ul>
 * <li>Every decision reads the caller's own user record (role, activity, tenant) and the role matrix, and the token
 * rule reads the user record and the revoked jtis. So, whatever the connection holds ({@link #byConnection}):
 * a user change reaches all of that user's connections, a tenant change all connections of that tenant, a revoked
 * jti the connections of that token, and a role change (the matrix) or a change of an unknown kind every
 * connection. Project and task changes reach no connection as such.</li>
 * <li>Each channel's decision also reads the resource its id names and, for project and task channels, the
 * membership that admits a client ({@link #byChannel}): a user change reaches the user's own
 * {@code dashboard}/{@code alerts}/{@code notifications} channels, a tenant change its {@code metrics}/{@code system}
 * channels, a project change {@code project.{id}} (its row and members) and the {@code task.{t}} of each of its tasks
 * (a client reads a task through its project's members), a task change {@code task.{id}} (its row, project and
 * assignee). A user change reaches no project or task channel by name: memberships and assignees are rows of their
 * own, logged as project and task changes (also when a deletion cascades).</li>
 * </ul>
 * Both answers are switches over {@link ChannelKind} and {@link ChangeKind} without {@code default}: a new kind of
 * either does not compile until it says what it depends on. Thread-safe; reads the store for a project's tasks.
 */
public final class Dependents {

    /** How a change reaches connections as such, whatever channels they hold. */
    public enum ByConnection {
        /** None as such (only through the channels {@link #byChannel} names). */
        NONE,
        /** Every connection of the user whose id changed. */
        OF_USER,
        /** Every connection of the tenant whose id changed. */
        OF_TENANT,
        /** Every connection of the token whose jti was revoked. */
        OF_TOKEN,
        /** Every connection. */
        EVERYONE
    }

    /** Which channels of one kind a change reaches by name. */
    public enum ByChannel {
        /** None by name. */
        NONE,
        /** The channel whose id is the changed entity's ({@code project.P} for project P). */
        SAME_ID,
        /** The channels of the changed project's tasks ({@code task.T} for each task T of project P). */
        TASKS_OF_PROJECT
    }

    private final Store store;
    private final ChannelCatalog catalog;

    /** Built once per server, by live revocation. */
    public Dependents(Store store, ChannelCatalog catalog) {
        this.store = store;
        this.catalog = catalog;
    }

    /** The connections a change of this kind reaches as such: what the token rule and every decision read. */
    public static ByConnection byConnection(ChangeKind change) {
        return switch (change) {
            case USER -> ByConnection.OF_USER;
            case TENANT -> ByConnection.OF_TENANT;
            case REVOKED -> ByConnection.OF_TOKEN;
            case PROJECT, TASK -> ByConnection.NONE;
            // The matrix is read by every decision; an unknown kind says nothing about whom it concerns.
            case ROLE, UNKNOWN -> ByConnection.EVERYONE;
        };
    }

    /** The channels of {@code kind} a change of this kind reaches by name: what that kind's decision reads. */
    public static ByChannel byChannel(ChannelKind kind, ChangeKind change) {
        // By kind, not by scope: a new kind must say what its decision reads, even when it shares a scope.
        return switch (kind) {
            case DASHBOARD, ALERTS, NOTIFICATIONS -> ofUserChannel(change);
            case METRICS, SYSTEM -> ofTenantChannel(change);
            case PROJECT -> ofProjectChannel(change);
            case TASK -> ofTaskChannel(change);
        };
    }

    /** Called by live revocation with a batch of changes: everything any of them reaches. */
    public Affected of(Collection<Change> changes) {
        Set<String> channels = new LinkedHashSet<>();
        Set<String> users = new LinkedHashSet<>();
        Set<String> tenants = new LinkedHashSet<>();
        Set<String> jtis = new LinkedHashSet<>();
        for (Change change : changes) {
            Consumer<String> note = switch (byConnection(change.kind())) {
                case NONE -> id -> {};
                case OF_USER -> users::add;
                case OF_TENANT -> tenants::add;
                case OF_TOKEN -> jtis::add;
                case EVERYONE -> null;
            };
            if (note == null) {
                return Affected.EVERYONE;
            }
            note.accept(change.entityId());
            for (ChannelKind kind : ChannelKind.values()) {
                channels.addAll(names(kind, byChannel(kind, change.kind()), change.entityId()));
            }
        }
        return new Affected(false, channels, users, tenants, jtis);
    }

    private List<String> names(ChannelKind kind, ByChannel reach, String entityId) {
        return switch (reach) {
            case NONE -> List.of();
            case SAME_ID -> List.of(catalog.nameOf(kind, entityId));
            // A deleted project's tasks were deleted with it and are in the log as task changes of their own.
            case TASKS_OF_PROJECT ->
                store.project(entityId)
                        .map(project -> store.tasks(project.tenantId()).stream()
                                .filter(task -> task.projectId().equals(entityId))
                                .map(task -> catalog.nameOf(kind, task.id()))
                                .toList())
                        .orElse(List.of());
        };
    }

    /** A user channel reads the user its id names: exists, tenant, and that the caller is that user. */
    private static ByChannel ofUserChannel(ChangeKind change) {
        return switch (change) {
            case USER -> ByChannel.SAME_ID;
            case TENANT, PROJECT, TASK, ROLE, REVOKED, UNKNOWN -> ByChannel.NONE;
        };
    }

    /** A tenant channel reads the tenant its id names: exists, and that it is the caller's. */
    private static ByChannel ofTenantChannel(ChangeKind change) {
        return switch (change) {
            case TENANT -> ByChannel.SAME_ID;
            case USER, PROJECT, TASK, ROLE, REVOKED, UNKNOWN -> ByChannel.NONE;
        };
    }

    /** A project channel reads its project: exists, tenant, and its members (for a client). */
    private static ByChannel ofProjectChannel(ChangeKind change) {
        return switch (change) {
            case PROJECT -> ByChannel.SAME_ID;
            case USER, TENANT, TASK, ROLE, REVOKED, UNKNOWN -> ByChannel.NONE;
        };
    }

    /** A task channel reads its task (exists, tenant, project, assignee) and its project's members (for a client). */
    private static ByChannel ofTaskChannel(ChangeKind change) {
        return switch (change) {
            case TASK -> ByChannel.SAME_ID;
            case PROJECT -> ByChannel.TASKS_OF_PROJECT;
            case USER, TENANT, ROLE, REVOKED, UNKNOWN -> ByChannel.NONE;
        };
    }
}
