package dev.zena.realtime.access;

import dev.zena.realtime.protocol.ErrorCode;
import dev.zena.realtime.store.Permission;
import dev.zena.realtime.store.PermissionMatrix;
import dev.zena.realtime.store.Project;
import dev.zena.realtime.store.Role;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.Task;
import dev.zena.realtime.store.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one place that decides whether a caller may read a channel's resource ({@link Actions} decides what a caller
 * may do). {@code subscribe} on the WebSocket and GET on the REST twin both call {@link #decide}; that is what makes
 * their answers equal.
 * Checks run in the order of SPEC §4.2 and stop at the first failure. Thread-safe; reads the store on every
 * call so that role, membership and permission changes apply at once.
 */
public final class AccessPolicy {

    private final Store store;
    private final ChannelCatalog catalog;

    /** Built once per server. */
    public AccessPolicy(Store store, ChannelCatalog catalog) {
        this.store = store;
        this.catalog = catalog;
    }

    /**
     * Called by {@code check}, the admin API and the console: the decision for a user id and a channel name as
     * typed, with every check explained. A name matching no pattern is a 400; an unknown user fails
     * authentication (401), as its token would.
     */
    public Decision explain(String userId, String channelName) {
        Channel channel = catalog.parse(channelName).orElse(null);
        if (channel == null) {
            return new Decision(
                    400,
                    ErrorCode.INVALID_MESSAGE,
                    "Unknown channel: matches no channel pattern",
                    List.of(new Check("channel", false, channelName + " matches no configured channel pattern")));
        }
        User caller = store.user(userId).orElse(null);
        if (caller == null) {
            return Decision.denied(
                    ErrorCode.AUTH_REQUIRED,
                    List.of(new Check("authentication", false, "user " + userId + " does not exist")));
        }
        return decide(caller, channel);
    }

    /**
     * Called for every subscribe, REST read and permission check. {@code caller} is the current store record of
     * the authenticated user, or null when the request carries no valid token.
     */
    public Decision decide(User caller, Channel channel) {
        List<Check> checks = new ArrayList<>();
        if (caller == null || !caller.isActive()) {
            checks.add(new Check(
                    "authentication",
                    false,
                    caller == null ? "no valid token" : "user " + caller.id() + " is disabled"));
            return Decision.denied(ErrorCode.AUTH_REQUIRED, checks);
        }
        checks.add(new Check(
                "authentication",
                true,
                "user " + caller.id() + " (" + caller.role().wireName() + ") of tenant " + caller.tenantId()));
        Optional<Resource> resource = resolve(channel);
        if (resource.isEmpty()) {
            checks.add(new Check("exists", false, describe(channel) + " does not exist"));
            return Decision.denied(ErrorCode.NOT_FOUND, checks);
        }
        checks.add(new Check("exists", true, describe(channel) + " exists"));
        return decideExisting(caller, channel, resource.get(), checks);
    }

    private Decision decideExisting(User caller, Channel channel, Resource resource, List<Check> checks) {
        boolean sameTenant = resource.tenantId().equals(caller.tenantId());
        checks.add(new Check(
                "tenant",
                sameTenant,
                "resource tenant " + resource.tenantId() + (sameTenant ? " equals " : " differs from ")
                        + "caller tenant " + caller.tenantId()));
        if (!sameTenant) {
            return Decision.denied(ErrorCode.FORBIDDEN, checks);
        }
        if (channel.kind().scope() == ChannelKind.Scope.USER) {
            boolean self = channel.resourceId().equals(caller.id());
            checks.add(new Check(
                    "identity",
                    self,
                    self ? "the channel is the caller's own" : "the channel belongs to user " + channel.resourceId()));
            if (!self) {
                return Decision.denied(ErrorCode.FORBIDDEN, checks);
            }
        }
        Permission needed = requiredPermission(channel.kind());
        PermissionMatrix matrix = store.permissions();
        boolean permitted = matrix.allows(caller.role(), needed);
        checks.add(new Check(
                "permission",
                permitted,
                "role " + caller.role().wireName() + (permitted ? " has " : " lacks ") + needed.wireName()));
        if (!permitted) {
            return Decision.denied(ErrorCode.FORBIDDEN, checks);
        }
        if (caller.role() == Role.CLIENT && resource.isMembershipBound()) {
            boolean member = resource.admits(caller.id());
            checks.add(new Check(
                    "membership",
                    member,
                    "client " + caller.id() + (member ? " is " : " is not ") + resource.membershipDescription()));
            if (!member) {
                return Decision.denied(ErrorCode.FORBIDDEN, checks);
            }
        }
        return Decision.granted(checks);
    }

    /**
     * Called by the publish and admin APIs before delivering: the tenant that owns the resource a channel names,
     * or empty when that resource does not exist.
     */
    public Optional<String> ownerTenant(Channel channel) {
        return resolve(channel).map(Resource::tenantId);
    }

    /** The permission a channel kind requires (SPEC §4.1). */
    public static Permission requiredPermission(ChannelKind kind) {
        return switch (kind) {
            case DASHBOARD, ALERTS -> Permission.DASHBOARD_VIEW;
            case NOTIFICATIONS -> Permission.NOTIFICATIONS_VIEW;
            case METRICS -> Permission.ANALYTICS_VIEW;
            case SYSTEM -> Permission.TENANTS_VIEW;
            case PROJECT -> Permission.PROJECTS_VIEW;
            case TASK -> Permission.TASKS_VIEW;
        };
    }

    private Optional<Resource> resolve(Channel channel) {
        String id = channel.resourceId();
        return switch (channel.kind().scope()) {
            case USER -> store.user(id).map(u -> Resource.plain(u.tenantId()));
            case TENANT -> store.tenant(id).map(t -> Resource.plain(t.id()));
            case PROJECT -> store.project(id).map(Resource::ofProject);
            case TASK -> store.task(id).map(this::ofTask);
        };
    }

    private Resource ofTask(Task task) {
        List<String> members =
                store.project(task.projectId()).map(Project::members).orElse(List.of());
        return new Resource(
                task.tenantId(),
                true,
                members,
                task.assigneeId(),
                "a member of project " + task.projectId() + " nor the assignee of task " + task.id());
    }

    private static String describe(Channel channel) {
        return channel.kind().scope().name().toLowerCase(java.util.Locale.ROOT) + " " + channel.resourceId();
    }

    /** What the decision needs to know of the resource a channel names. */
    private record Resource(
            String tenantId,
            boolean isMembershipBound,
            List<String> members,
            String assigneeId,
            String membershipDescription) {

        static Resource plain(String tenantId) {
            return new Resource(tenantId, false, List.of(), null, "");
        }

        static Resource ofProject(Project project) {
            return new Resource(
                    project.tenantId(), true, project.members(), null, "a member of project " + project.id());
        }

        boolean admits(String userId) {
            return members.contains(userId) || userId.equals(assigneeId);
        }
    }
}
