package dev.zena.realtime.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zena.realtime.access.ChannelKind;
import dev.zena.realtime.store.Role;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.sync.ImportException;
import dev.zena.realtime.sync.Importer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A generated SPEC §8 import document for the permission contract, the same shape in every tenant so that any
 * cross-tenant leak shows up as a pair that differs only by its tenant. Per tenant {@code T}:
 * <ul>
 *   <li>users: {@code T-super}, {@code T-admin}, {@code T-pm}, {@code T-member}, {@code T-client} (member of p1,
 *       assignee of t3 in p2), {@code T-client2} (member of nothing), {@code T-gone} (inactive member);</li>
 *   <li>projects: {@code T-p1} (member, client, gone), {@code T-p2} (no members), {@code T-p3} (pm);</li>
 *   <li>tasks: {@code T-t1} (p1, member), {@code T-t2} (p1, none), {@code T-t3} (p2, client), {@code T-t4}
 *       (p2, none), {@code T-t5} (p3, gone).</li>
 * </ul>
 */
public final class ContractFixture {

    /** Ids that match the id syntax but name nothing. */
    public static final List<String> MISSING_IDS = List.of("missing", "ZZZZZZZZZZZZZZZZZZZZZZZZZZ");

    /** A generated user. */
    public record FixtureUser(String id, String tenantId, Role role, boolean isActive) {}

    /** A generated project. */
    public record FixtureProject(String id, String tenantId, List<String> members) {}

    /** A generated task. */
    public record FixtureTask(String id, String tenantId, String projectId, String assigneeId) {}

    private final List<String> tenants = new ArrayList<>();
    private final List<FixtureUser> users = new ArrayList<>();
    private final List<FixtureProject> projects = new ArrayList<>();
    private final List<FixtureTask> tasks = new ArrayList<>();

    private ContractFixture() {}

    /** The fixture for {@code tenantCount} tenants named {@code ten0}, {@code ten1}, … */
    public static ContractFixture generate(int tenantCount) {
        ContractFixture fixture = new ContractFixture();
        for (int i = 0; i < tenantCount; i++) {
            fixture.addTenant("ten" + i);
        }
        return fixture;
    }

    private void addTenant(String t) {
        tenants.add(t);
        Map<String, Role> roles = new java.util.LinkedHashMap<>();
        roles.put("super", Role.SUPER_ADMIN);
        roles.put("admin", Role.ADMIN);
        roles.put("pm", Role.PROJECT_MANAGER);
        roles.put("member", Role.MEMBER);
        roles.put("client", Role.CLIENT);
        roles.put("client2", Role.CLIENT);
        roles.put("gone", Role.MEMBER);
        roles.forEach((suffix, role) -> users.add(new FixtureUser(t + "-" + suffix, t, role, !suffix.equals("gone"))));
        projects.add(new FixtureProject(t + "-p1", t, List.of(t + "-member", t + "-client", t + "-gone")));
        projects.add(new FixtureProject(t + "-p2", t, List.of()));
        projects.add(new FixtureProject(t + "-p3", t, List.of(t + "-pm")));
        tasks.add(new FixtureTask(t + "-t1", t, t + "-p1", t + "-member"));
        tasks.add(new FixtureTask(t + "-t2", t, t + "-p1", null));
        tasks.add(new FixtureTask(t + "-t3", t, t + "-p2", t + "-client"));
        tasks.add(new FixtureTask(t + "-t4", t, t + "-p2", null));
        tasks.add(new FixtureTask(t + "-t5", t, t + "-p3", t + "-gone"));
    }

    public List<String> tenants() {
        return List.copyOf(tenants);
    }

    public List<FixtureUser> users() {
        return List.copyOf(users);
    }

    /** Users whose tokens are valid (the disabled ones excluded). */
    public List<FixtureUser> activeUsers() {
        return users.stream().filter(FixtureUser::isActive).toList();
    }

    public List<FixtureProject> projects() {
        return List.copyOf(projects);
    }

    public List<FixtureTask> tasks() {
        return List.copyOf(tasks);
    }

    public FixtureUser user(String id) {
        return users.stream().filter(u -> u.id().equals(id)).findFirst().orElseThrow();
    }

    public FixtureProject project(String id) {
        return projects.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    /** Every id of every kind in every tenant, then the missing ones. */
    public List<String> allIds() {
        return Stream.of(
                        users.stream().map(FixtureUser::id),
                        tenants.stream(),
                        projects.stream().map(FixtureProject::id),
                        tasks.stream().map(FixtureTask::id),
                        MISSING_IDS.stream())
                .flatMap(s -> s)
                .toList();
    }

    /** The ids a channel kind's resource can have (its own kind only), in every tenant. */
    public List<String> idsOf(ChannelKind kind) {
        return switch (kind.scope()) {
            case USER -> users.stream().map(FixtureUser::id).toList();
            case TENANT -> List.copyOf(tenants);
            case PROJECT -> projects.stream().map(FixtureProject::id).toList();
            case TASK -> tasks.stream().map(FixtureTask::id).toList();
        };
    }

    /** The tenant owning the resource a channel of {@code kind} with {@code id} names. */
    public String tenantOf(ChannelKind kind, String id) {
        return switch (kind.scope()) {
            case USER -> user(id).tenantId();
            case TENANT -> id;
            case PROJECT -> project(id).tenantId();
            case TASK ->
                tasks.stream()
                        .filter(t -> t.id().equals(id))
                        .findFirst()
                        .orElseThrow()
                        .tenantId();
        };
    }

    /** The SPEC §8 document. */
    public byte[] document() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode tenantNodes = root.putArray("tenants");
        tenants.forEach(t -> tenantNodes.addObject().put("id", t).put("name", "Tenant " + t));
        ArrayNode userNodes = root.putArray("users");
        users.forEach(u -> userNodes
                .addObject()
                .put("id", u.id())
                .put("tenant_id", u.tenantId())
                .put("name", "User " + u.id())
                .put("email", u.id() + "@example.test")
                .put("role", u.role().wireName())
                .put("is_active", u.isActive()));
        ArrayNode projectNodes = root.putArray("projects");
        projects.forEach(p -> {
            ObjectNode node = projectNodes
                    .addObject()
                    .put("id", p.id())
                    .put("tenant_id", p.tenantId())
                    .put("name", "Project " + p.id());
            p.members().forEach(node.putArray("members")::add);
        });
        ArrayNode taskNodes = root.putArray("tasks");
        tasks.forEach(t -> taskNodes
                .addObject()
                .put("id", t.id())
                .put("tenant_id", t.tenantId())
                .put("project_id", t.projectId())
                .put("title", "Task " + t.id())
                .put("status", "open")
                .put("assignee_id", t.assigneeId()));
        return root.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Loads the document through the one import logic. */
    public ContractFixture loadInto(Store store) {
        try {
            new Importer(store).importDocument(document(), false);
        } catch (ImportException e) {
            throw new IllegalStateException("the generated fixture was refused: " + e.getMessage(), e);
        }
        return this;
    }
}
