package dev.zena.realtime.sync;

import dev.zena.realtime.store.ChangeSet;
import dev.zena.realtime.store.Project;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.Task;
import dev.zena.realtime.store.Tenant;
import dev.zena.realtime.store.User;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Turns a validated document into the {@link ChangeSet} to apply and the report of what it does. */
final class ChangePlan {
    private ChangePlan() {}

    /** The batch and its counts; deletions list only ids that exist, so the counts say what really went. */
    record Planned(ChangeSet changes, ImportReport report) {}

    /** Called once per import after validation, just before {@link Store#apply}. */
    static Planned plan(Store store, ImportDocument document, boolean isReplacing) {
        ChangeSet.Deletions deletions = isReplacing ? everythingLacking(store, document) : listed(store, document);
        ChangeSet changes = new ChangeSet(
                values(document.tenants()),
                values(document.users()),
                values(document.projects()),
                values(document.tasks()),
                document.rolePermissions(),
                values(document.revoked()),
                deletions);
        ImportReport report = new ImportReport(
                changes.tenants().size(),
                changes.users().size(),
                changes.projects().size(),
                changes.tasks().size(),
                changes.rolePermissions().size(),
                deletions.tenants().size(),
                deletions.users().size(),
                deletions.projects().size(),
                deletions.tasks().size(),
                changes.revokedTokens().size());
        return new Planned(changes, report);
    }

    private static ChangeSet.Deletions listed(Store store, ImportDocument document) {
        return new ChangeSet.Deletions(
                List.of(),
                existing(document.deletedUsers(), id -> store.user(id).isPresent()),
                existing(document.deletedProjects(), id -> store.project(id).isPresent()),
                existing(document.deletedTasks(), id -> store.task(id).isPresent()));
    }

    private static ChangeSet.Deletions everythingLacking(Store store, ImportDocument document) {
        List<Tenant> tenants = store.tenants();
        return new ChangeSet.Deletions(
                lacking(tenants, Tenant::id, ids(document.tenants(), Tenant::id)),
                lacking(store.allUsers(), User::id, ids(document.users(), User::id)),
                lacking(
                        tenants.stream()
                                .flatMap(t -> store.projects(t.id()).stream())
                                .toList(),
                        Project::id,
                        ids(document.projects(), Project::id)),
                lacking(
                        tenants.stream()
                                .flatMap(t -> store.tasks(t.id()).stream())
                                .toList(),
                        Task::id,
                        ids(document.tasks(), Task::id)));
    }

    private static List<String> existing(List<ImportDocument.Entry<String>> ids, Predicate<String> exists) {
        return ids.stream().map(ImportDocument.Entry::value).filter(exists).toList();
    }

    private static <T> List<String> lacking(List<T> stored, Function<T, String> id, Set<String> kept) {
        return stored.stream()
                .map(id)
                .filter(storedId -> !kept.contains(storedId))
                .toList();
    }

    private static <T> Set<String> ids(List<ImportDocument.Entry<T>> entries, Function<T, String> id) {
        return entries.stream().map(e -> id.apply(e.value())).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static <T> List<T> values(List<ImportDocument.Entry<T>> entries) {
        return entries.stream().map(ImportDocument.Entry::value).toList();
    }
}
