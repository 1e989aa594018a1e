package dev.zena.realtime.store;

import java.util.List;
import java.util.Map;

/** Small builders for store tests: one tenant "a" with two users, a project and two tasks. */
final class StoreFixtures {
    private StoreFixtures() {}

    static Tenant tenant(String id) {
        return new Tenant(id, "Tenant " + id);
    }

    static User user(String id, String tenantId, Role role) {
        return new User(id, tenantId, "User " + id, id + "@example.test", role, true, null);
    }

    static ChangeSet upserts(List<Tenant> tenants, List<User> users, List<Project> projects, List<Task> tasks) {
        return new ChangeSet(tenants, users, projects, tasks, Map.of(), List.of(), ChangeSet.Deletions.NONE);
    }

    static ChangeSet deletions(ChangeSet.Deletions deletions) {
        return new ChangeSet(List.of(), List.of(), List.of(), List.of(), Map.of(), List.of(), deletions);
    }

    /** Tenants a and b; a has users a1 (admin), a2 (member), project ap1 with both, tasks at1 (a2) and at2. */
    static ChangeSet twoTenants() {
        return upserts(
                List.of(tenant("a"), tenant("b")),
                List.of(user("a1", "a", Role.ADMIN), user("a2", "a", Role.MEMBER), user("b1", "b", Role.CLIENT)),
                List.of(
                        new Project("ap1", "a", "Tower", List.of("a2", "a1")),
                        new Project("bp1", "b", "Bridge", List.of("b1"))),
                List.of(
                        new Task("at1", "a", "ap1", "Pour", "open", "a2"),
                        new Task("at2", "a", "ap1", "Cure", "done", null),
                        new Task("bt1", "b", "bp1", "Weld", "open", "b1")));
    }
}
