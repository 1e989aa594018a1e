package dev.zena.realtime.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zena.realtime.store.Project;
import dev.zena.realtime.store.Role;
import dev.zena.realtime.store.Task;
import dev.zena.realtime.store.Tenant;
import dev.zena.realtime.store.User;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads the shape of an import document (SPEC §8, plus the sync extras of §6): sections, field types, id syntax
 * and ids repeated within a section. References are checked later by {@link DocumentValidator}.
 */
final class DocumentReader {
    static final List<String> SECTIONS =
            List.of("tenants", "users", "projects", "tasks", "role_permissions", "deleted", "revoked_jtis");
    private static final String ROLES =
            Arrays.stream(Role.values()).map(Role::wireName).collect(Collectors.joining(", "));

    private final ImportErrors errors;
    private final ExtrasReader extras;

    DocumentReader(ImportErrors errors) {
        this.errors = errors;
        this.extras = new ExtrasReader(errors);
    }

    /** Called once per import with the parsed tree; returns what could be read, errors reported on the side. */
    ImportDocument read(JsonNode root) {
        if (!root.isObject()) {
            errors.add("document", "", "the top level must be a JSON object, got " + EntryFields.typeOf(root));
            return extras.empty();
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!SECTIONS.contains(name)) {
                errors.add(
                        name,
                        name,
                        "unknown section " + EntryFields.quote(name) + " (expected one of "
                                + String.join(", ", SECTIONS) + ")");
            }
        }
        // one section after the other, so that errors are listed in the order of the SPEC's sections
        var tenants = tenants(root);
        var users = users(root);
        var projects = projects(root);
        var tasks = tasks(root);
        var roles = extras.rolePermissions(root.get("role_permissions"));
        Map<String, List<ImportDocument.Entry<String>>> deleted = extras.deleted(root.get("deleted"));
        return new ImportDocument(
                tenants,
                users,
                projects,
                tasks,
                roles,
                deleted.get("users"),
                deleted.get("projects"),
                deleted.get("tasks"),
                extras.revoked(root.get("revoked_jtis")));
    }

    private List<ImportDocument.Entry<Tenant>> tenants(JsonNode root) {
        List<ImportDocument.Entry<Tenant>> tenants = new ArrayList<>();
        for (EntryFields f : objects(root, "tenants")) {
            String id = f.key("id");
            tenants.add(f.entry(new Tenant(id, f.text("name", 1, Integer.MAX_VALUE))));
        }
        return unique(tenants, Tenant::id);
    }

    private List<ImportDocument.Entry<User>> users(JsonNode root) {
        List<ImportDocument.Entry<User>> users = new ArrayList<>();
        for (EntryFields f : objects(root, "users")) {
            String id = f.key("id");
            String tenantId = f.id("tenant_id");
            String name = f.text("name", 1, Integer.MAX_VALUE);
            String email = f.text("email", 0, Integer.MAX_VALUE);
            Role role = role(f);
            users.add(f.entry(new User(id, tenantId, name, email, role, f.flag("is_active", true), null)));
        }
        return unique(users, User::id);
    }

    private List<ImportDocument.Entry<Project>> projects(JsonNode root) {
        List<ImportDocument.Entry<Project>> projects = new ArrayList<>();
        for (EntryFields f : objects(root, "projects")) {
            String id = f.key("id");
            String tenantId = f.id("tenant_id");
            String name = f.text("name", 1, Integer.MAX_VALUE);
            projects.add(f.entry(new Project(id, tenantId, name, f.ids("members"))));
        }
        return unique(projects, Project::id);
    }

    private List<ImportDocument.Entry<Task>> tasks(JsonNode root) {
        List<ImportDocument.Entry<Task>> tasks = new ArrayList<>();
        for (EntryFields f : objects(root, "tasks")) {
            String id = f.key("id");
            String tenantId = f.id("tenant_id");
            String projectId = f.id("project_id");
            String title = f.text("title", 1, Integer.MAX_VALUE);
            String status = f.text("status", 1, 32);
            tasks.add(f.entry(new Task(id, tenantId, projectId, title, status, f.optionalId("assignee_id"))));
        }
        return unique(tasks, Task::id);
    }

    private Role role(EntryFields f) {
        String name = f.text("role", 1, Integer.MAX_VALUE);
        if (name == null) {
            return null;
        }
        return Role.fromWire(name).orElseGet(() -> {
            f.error("role", "unknown role " + EntryFields.quote(name) + " (expected one of " + ROLES + ")");
            return null;
        });
    }

    /** The elements of an array section as field readers; non-object elements are reported and skipped. */
    private List<EntryFields> objects(JsonNode root, String section) {
        JsonNode array = root.get(section);
        if (array == null || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            errors.add(section, section, section + " must be an array, got " + EntryFields.typeOf(array));
            return List.of();
        }
        List<EntryFields> fields = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String path = section + "[" + i + "]";
            if (array.get(i).isObject()) {
                fields.add(new EntryFields(array.get(i), path, errors));
            } else {
                errors.add(path, path, "expected an object, got " + EntryFields.typeOf(array.get(i)));
            }
        }
        return fields;
    }

    /** Reports every entry whose id appeared earlier in the same section. */
    private <T> List<ImportDocument.Entry<T>> unique(List<ImportDocument.Entry<T>> entries, Function<T, String> id) {
        Map<String, String> firstSeen = new HashMap<>();
        for (ImportDocument.Entry<T> entry : entries) {
            String key = id.apply(entry.value());
            String first = key == null ? null : firstSeen.putIfAbsent(key, entry.path());
            if (first != null) {
                entry.error(errors, "id", "id " + EntryFields.quote(key) + " appears twice (first at " + first + ")");
            }
        }
        return entries;
    }
}
