package dev.zena.realtime.sync;

import static dev.zena.realtime.sync.EntryFields.quote;

import dev.zena.realtime.store.Project;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.Task;
import dev.zena.realtime.store.User;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks the references of a well-formed document against itself and the store: known tenants, users and
 * projects, no reference across tenants, no entity moving to another tenant, nothing both upserted and deleted.
 */
final class DocumentValidator {
    private final Store store;
    private final ImportErrors errors;

    DocumentValidator(Store store, ImportErrors errors) {
        this.store = store;
        this.errors = errors;
    }

    /** Called once per import after reading succeeded; reports every broken reference. */
    void validate(ImportDocument document, boolean isReplacing) {
        KnownEntities known = new KnownEntities(store, document, isReplacing);
        for (ImportDocument.Entry<User> entry : document.users()) {
            User user = entry.value();
            if (tenant(entry, user.tenantId(), known)) {
                notMoved(entry, user.tenantId(), store.user(user.id()).map(User::tenantId));
            }
        }
        for (ImportDocument.Entry<Project> entry : document.projects()) {
            project(entry, known);
        }
        for (ImportDocument.Entry<Task> entry : document.tasks()) {
            task(entry, known);
        }
        notUpserted(document.deletedUsers(), ids(document.users(), User::id), "users");
        notUpserted(document.deletedProjects(), ids(document.projects(), Project::id), "projects");
        notUpserted(document.deletedTasks(), ids(document.tasks(), Task::id), "tasks");
    }

    private void project(ImportDocument.Entry<Project> entry, KnownEntities known) {
        Project project = entry.value();
        if (!tenant(entry, project.tenantId(), known)) {
            return;
        }
        notMoved(entry, project.tenantId(), store.project(project.id()).map(Project::tenantId));
        for (int i = 0; i < project.members().size(); i++) {
            String member = project.members().get(i);
            sameTenant(
                    entry,
                    "members[" + i + "]",
                    "member " + quote(member),
                    "user",
                    known.tenantOfUser(member),
                    project.tenantId());
        }
    }

    private void task(ImportDocument.Entry<Task> entry, KnownEntities known) {
        Task task = entry.value();
        if (!tenant(entry, task.tenantId(), known)) {
            return;
        }
        notMoved(entry, task.tenantId(), store.task(task.id()).map(Task::tenantId));
        sameTenant(
                entry,
                "project_id",
                "project_id " + quote(task.projectId()),
                "project",
                known.tenantOfProject(task.projectId()),
                task.tenantId());
        if (task.assigneeId() != null) {
            sameTenant(
                    entry,
                    "assignee_id",
                    "assignee_id " + quote(task.assigneeId()),
                    "user",
                    known.tenantOfUser(task.assigneeId()),
                    task.tenantId());
        }
    }

    private boolean tenant(ImportDocument.Entry<?> entry, String tenantId, KnownEntities known) {
        if (known.hasTenant(tenantId)) {
            return true;
        }
        entry.error(errors, "tenant_id", "tenant_id " + quote(tenantId) + " is not a known tenant");
        return false;
    }

    private void sameTenant(
            ImportDocument.Entry<?> entry,
            String field,
            String what,
            String kind,
            Optional<String> ownerTenant,
            String tenantId) {
        if (ownerTenant.isEmpty()) {
            entry.error(errors, field, what + " is not a known " + kind);
        } else if (!ownerTenant.get().equals(tenantId)) {
            entry.error(
                    errors,
                    field,
                    what + " belongs to tenant " + quote(ownerTenant.get()) + ", not to " + quote(tenantId)
                            + " (references across tenants are refused)");
        }
    }

    private void notMoved(ImportDocument.Entry<?> entry, String tenantId, Optional<String> storedTenant) {
        if (storedTenant.isPresent() && !storedTenant.get().equals(tenantId)) {
            entry.error(
                    errors,
                    "tenant_id",
                    "tenant_id " + quote(tenantId) + " differs from the stored tenant " + quote(storedTenant.get())
                            + " (an entity cannot move between tenants)");
        }
    }

    private void notUpserted(List<ImportDocument.Entry<String>> deleted, Set<String> upserted, String kind) {
        for (ImportDocument.Entry<String> entry : deleted) {
            if (upserted.contains(entry.value())) {
                entry.error(
                        errors, "", "is also listed in " + kind + ": an entity cannot be both upserted and deleted");
            }
        }
    }

    private static <T> Set<String> ids(List<ImportDocument.Entry<T>> entries, Function<T, String> id) {
        return entries.stream().map(e -> id.apply(e.value())).collect(Collectors.toSet());
    }
}
