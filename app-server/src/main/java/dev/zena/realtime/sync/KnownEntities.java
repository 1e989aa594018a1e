package dev.zena.realtime.sync;

import dev.zena.realtime.store.Project;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.Tenant;
import dev.zena.realtime.store.User;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a reference in a document may point to: entities of the document itself, plus, unless the run replaces
 * everything, stored entities the document does not delete. Answers "which tenant owns this id", caching lookups.
 */
final class KnownEntities {
    private final Store store;
    private final boolean isReplacing;
    private final Set<String> documentTenants;
    private final Map<String, String> documentUsers;
    private final Map<String, String> documentProjects;
    private final Set<String> deletedUsers;
    private final Set<String> deletedProjects;
    private final Map<String, Optional<String>> cache = new HashMap<>();

    KnownEntities(Store store, ImportDocument document, boolean isReplacing) {
        this.store = store;
        this.isReplacing = isReplacing;
        this.documentTenants =
                document.tenants().stream().map(e -> e.value().id()).collect(Collectors.toSet());
        this.documentUsers = document.users().stream()
                .map(ImportDocument.Entry::value)
                .collect(Collectors.toMap(User::id, User::tenantId, (a, b) -> a));
        this.documentProjects = document.projects().stream()
                .map(ImportDocument.Entry::value)
                .collect(Collectors.toMap(Project::id, Project::tenantId, (a, b) -> a));
        this.deletedUsers = ids(document.deletedUsers());
        this.deletedProjects = ids(document.deletedProjects());
    }

    /** True when the tenant is in the document or (without replace) stored. */
    boolean hasTenant(String id) {
        return documentTenants.contains(id)
                || (!isReplacing
                        && stored("tenant:" + id, key -> store.tenant(id).map(Tenant::id))
                                .isPresent());
    }

    /** The tenant of a user the document may reference; empty when it is unknown or about to be deleted. */
    Optional<String> tenantOfUser(String id) {
        if (documentUsers.containsKey(id)) {
            return Optional.of(documentUsers.get(id));
        }
        if (isReplacing || deletedUsers.contains(id)) {
            return Optional.empty();
        }
        return stored("user:" + id, key -> store.user(id).map(User::tenantId));
    }

    /** The tenant of a project the document may reference; empty when it is unknown or about to be deleted. */
    Optional<String> tenantOfProject(String id) {
        if (documentProjects.containsKey(id)) {
            return Optional.of(documentProjects.get(id));
        }
        if (isReplacing || deletedProjects.contains(id)) {
            return Optional.empty();
        }
        return stored("project:" + id, key -> store.project(id).map(Project::tenantId));
    }

    private Optional<String> stored(String key, Function<String, Optional<String>> lookup) {
        return cache.computeIfAbsent(key, lookup);
    }

    private static Set<String> ids(List<ImportDocument.Entry<String>> entries) {
        return entries.stream().map(ImportDocument.Entry::value).collect(Collectors.toSet());
    }
}
