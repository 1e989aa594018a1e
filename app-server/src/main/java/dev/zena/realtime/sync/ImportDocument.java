package dev.zena.realtime.sync;

import dev.zena.realtime.store.Permission;
import dev.zena.realtime.store.Project;
import dev.zena.realtime.store.RevokedToken;
import dev.zena.realtime.store.Role;
import dev.zena.realtime.store.Task;
import dev.zena.realtime.store.Tenant;
import dev.zena.realtime.store.User;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** An import document read into domain values, each remembering where it came from for error messages. */
record ImportDocument(
        List<Entry<Tenant>> tenants,
        List<Entry<User>> users,
        List<Entry<Project>> projects,
        List<Entry<Task>> tasks,
        Map<Role, Set<Permission>> rolePermissions,
        List<Entry<String>> deletedUsers,
        List<Entry<String>> deletedProjects,
        List<Entry<String>> deletedTasks,
        List<Entry<RevokedToken>> revoked) {

    /** One entry of a section: its label for messages ({@code users[2] (id "u9")}), its JSON path and its value. */
    record Entry<T>(String label, String path, T value) {
        /** Called by validators to report a mistake about one field of this entry. */
        void error(ImportErrors errors, String field, String message) {
            errors.add(label, field.isEmpty() ? path : path + "." + field, message);
        }
    }
}
