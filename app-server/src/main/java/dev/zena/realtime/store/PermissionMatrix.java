package dev.zena.realtime.store;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The role × permission matrix shared by every tenant (SPEC §4.3). Immutable. {@code admin.access} and
 * {@code admin.global} always stay with the roles of the default matrix, whatever an edit asks for.
 */
public record PermissionMatrix(Map<Role, Set<Permission>> grants) {

    /** The seed of SPEC §4.3. */
    public static final PermissionMatrix DEFAULT = defaults();

    public PermissionMatrix {
        EnumMap<Role, Set<Permission>> copy = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            Set<Permission> given = grants.getOrDefault(role, Set.of());
            copy.put(
                    role,
                    Collections.unmodifiableSet(
                            given.isEmpty() ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(given)));
        }
        grants = Collections.unmodifiableMap(copy);
    }

    /** The permissions of one role. */
    public Set<Permission> of(Role role) {
        return grants.get(role);
    }

    /** True when the role holds the permission. */
    public boolean allows(Role role, Permission permission) {
        return grants.get(role).contains(permission);
    }

    /**
     * This matrix with one role's editable permissions replaced; the administrative permissions of that role
     * are taken from {@link #DEFAULT}, not from {@code requested}.
     */
    public PermissionMatrix withRole(Role role, Set<Permission> requested) {
        EnumSet<Permission> next = EnumSet.noneOf(Permission.class);
        requested.stream().filter(p -> !p.isAdministrative()).forEach(next::add);
        DEFAULT.of(role).stream().filter(Permission::isAdministrative).forEach(next::add);
        EnumMap<Role, Set<Permission>> copy = new EnumMap<>(grants);
        copy.put(role, next);
        return new PermissionMatrix(copy);
    }

    private static PermissionMatrix defaults() {
        Set<Permission> everyone = EnumSet.of(
                Permission.DASHBOARD_VIEW,
                Permission.NOTIFICATIONS_VIEW,
                Permission.PROJECTS_VIEW,
                Permission.TASKS_VIEW);
        EnumSet<Permission> member = EnumSet.copyOf(everyone);
        member.addAll(EnumSet.of(Permission.TASKS_CREATE, Permission.TASKS_UPDATE, Permission.ANALYTICS_VIEW));
        EnumSet<Permission> manager = EnumSet.copyOf(member);
        manager.addAll(EnumSet.of(Permission.PROJECTS_CREATE, Permission.PROJECTS_UPDATE));
        EnumSet<Permission> admin = EnumSet.copyOf(manager);
        admin.addAll(EnumSet.of(Permission.TENANTS_VIEW, Permission.ADMIN_ACCESS));
        EnumSet<Permission> superAdmin = EnumSet.copyOf(admin);
        superAdmin.add(Permission.ADMIN_GLOBAL);
        EnumMap<Role, Set<Permission>> map = new EnumMap<>(Role.class);
        map.put(Role.SUPER_ADMIN, superAdmin);
        map.put(Role.ADMIN, admin);
        map.put(Role.PROJECT_MANAGER, manager);
        map.put(Role.MEMBER, member);
        map.put(Role.CLIENT, everyone);
        return new PermissionMatrix(map);
    }
}
