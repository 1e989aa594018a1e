package dev.zena.realtime.store;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The permissions of SPEC §4.3. {@code admin.*} are fixed per role and never edited. */
public enum Permission {
    DASHBOARD_VIEW("dashboard.view"),
    NOTIFICATIONS_VIEW("notifications.view"),
    PROJECTS_VIEW("projects.view"),
    TASKS_VIEW("tasks.view"),
    TASKS_CREATE("tasks.create"),
    TASKS_UPDATE("tasks.update"),
    PROJECTS_CREATE("projects.create"),
    PROJECTS_UPDATE("projects.update"),
    ANALYTICS_VIEW("analytics.view"),
    TENANTS_VIEW("tenants.view"),
    ADMIN_ACCESS("admin.access"),
    ADMIN_GLOBAL("admin.global");

    /** Every permission by wire name: parsed for each row of the matrix on every access decision. */
    private static final Map<String, Permission> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Permission::wireName, permission -> permission));

    private final String wireName;

    Permission(String wireName) {
        this.wireName = wireName;
    }

    /** The dotted name used in the matrix, import documents and the API. */
    public String wireName() {
        return wireName;
    }

    /** True for {@code admin.access} and {@code admin.global}, which editing the matrix cannot grant or remove. */
    public boolean isAdministrative() {
        return this == ADMIN_ACCESS || this == ADMIN_GLOBAL;
    }

    /** Parses a dotted name; empty when it names no permission. */
    public static Optional<Permission> fromWire(String name) {
        return Optional.ofNullable(name == null ? null : BY_WIRE_NAME.get(name));
    }
}
