package dev.zena.realtime.sync;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one applied import did: entries upserted per kind, roles replaced, entities deleted (ids that existed),
 * and revocations recorded.
 */
public record ImportReport(
        int tenants,
        int users,
        int projects,
        int tasks,
        int roles,
        int deletedTenants,
        int deletedUsers,
        int deletedProjects,
        int deletedTasks,
        int revoked) {

    /** Called by the CLI and the sync endpoint to print or answer the counts, with snake_case keys in a fixed order. */
    public Map<String, Integer> toMap() {
        Map<String, Integer> map = new LinkedHashMap<>();
        map.put("tenants", tenants);
        map.put("users", users);
        map.put("projects", projects);
        map.put("tasks", tasks);
        map.put("roles", roles);
        map.put("deleted_tenants", deletedTenants);
        map.put("deleted_users", deletedUsers);
        map.put("deleted_projects", deletedProjects);
        map.put("deleted_tasks", deletedTasks);
        map.put("revoked", revoked);
        return map;
    }
}
