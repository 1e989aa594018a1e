package dev.zena.realtime.store;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated batch of writes applied by {@link Store#apply} in one transaction: upserts by id, deletions by id
 * (deleting a tenant, user or project removes what hangs off it), role permission sets replaced whole, and
 * revoked tokens. Built by the import/sync code after validation; the store trusts it.
 */
public record ChangeSet(
        List<Tenant> tenants,
        List<User> users,
        List<Project> projects,
        List<Task> tasks,
        Map<Role, Set<Permission>> rolePermissions,
        List<RevokedToken> revokedTokens,
        Deletions deletions) {

    public ChangeSet {
        tenants = List.copyOf(tenants);
        users = List.copyOf(users);
        projects = List.copyOf(projects);
        tasks = List.copyOf(tasks);
        rolePermissions = Map.copyOf(rolePermissions);
        revokedTokens = List.copyOf(revokedTokens);
    }

    /** Ids to delete, per kind. */
    public record Deletions(List<String> tenants, List<String> users, List<String> projects, List<String> tasks) {
        public static final Deletions NONE = new Deletions(List.of(), List.of(), List.of(), List.of());

        public Deletions {
            tenants = List.copyOf(tenants);
            users = List.copyOf(users);
            projects = List.copyOf(projects);
            tasks = List.copyOf(tasks);
        }
    }
}
