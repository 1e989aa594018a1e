package dev.zena.realtime.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.f4b6a3.ulid.UlidCreator;
import dev.zena.realtime.access.AccessPolicy;
import dev.zena.realtime.access.Actions;
import dev.zena.realtime.access.Channel;
import dev.zena.realtime.access.ChannelCatalog;
import dev.zena.realtime.access.ChannelKind;
import dev.zena.realtime.access.Decision;
import dev.zena.realtime.broker.Broker;
import dev.zena.realtime.broker.Envelope;
import dev.zena.realtime.http.ApiException;
import dev.zena.realtime.http.Json;
import dev.zena.realtime.http.RestAuth;
import dev.zena.realtime.http.RouteGroup;
import dev.zena.realtime.protocol.ErrorCode;
import dev.zena.realtime.store.Project;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.Task;
import dev.zena.realtime.store.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.function.Function;

/**
 * The list, create and update endpoints of the App API. Lists show only the caller's tenant and only what
 * {@code AccessPolicy} lets the caller read; writes publish {@code task.created}/{@code task.updated} on the
 * task's and its project's channels with the task as GET returns it.
 */
public final class TaskApi implements RouteGroup {

    private final Store store;
    private final AccessPolicy policy;
    private final Actions actions;
    private final ChannelCatalog catalog;
    private final Broker broker;
    private final RestAuth auth;
    private final Views views;

    /** Built once per server; writes are published through {@code broker}. */
    public TaskApi(
            Store store,
            AccessPolicy policy,
            Actions actions,
            ChannelCatalog catalog,
            Broker broker,
            RestAuth auth,
            Views views) {
        this.store = store;
        this.policy = policy;
        this.actions = actions;
        this.catalog = catalog;
        this.broker = broker;
        this.auth = auth;
        this.views = views;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/app/tasks", this::listTasks);
        routes.get("/api/v1/app/projects", this::listProjects);
        routes.post("/api/v1/app/tasks", this::create);
        routes.patch("/api/v1/app/tasks/{id}", this::update);
    }

    private void listTasks(Context ctx) {
        User caller = auth.require(ctx);
        List<Task> visible = store.tasks(caller.tenantId()).stream()
                .filter(t -> canRead(caller, ChannelKind.TASK, t.id()))
                .toList();
        page(ctx, ListPage.of(ctx, visible, Task::id), views::task);
    }

    private void listProjects(Context ctx) {
        User caller = auth.require(ctx);
        List<Project> visible = store.projects(caller.tenantId()).stream()
                .filter(p -> canRead(caller, ChannelKind.PROJECT, p.id()))
                .toList();
        page(ctx, ListPage.of(ctx, visible, Project::id), views::project);
    }

    private void create(Context ctx) {
        User caller = auth.require(ctx);
        requireAction(actions.mayCreateTask(caller));
        TaskInput input = TaskInput.forCreate(views.mapper(), ctx.bodyAsBytes());
        broker.requireAvailable(); // SPEC §11: a 503 before changing anything, while Redis is unreachable
        if (!canRead(caller, ChannelKind.PROJECT, input.projectId())) {
            throw ApiException.badInput("project_id", "No such project");
        }
        String assignee = input.assigneeId().filter(a -> !a.isEmpty()).orElse(null);
        requireAssignee(caller, assignee);
        Task task = new Task(
                UlidCreator.getMonotonicUlid().toString(),
                caller.tenantId(),
                input.projectId(),
                input.title(),
                input.status(),
                assignee);
        store.saveTask(task);
        publish(task, "task.created");
        respond(ctx, 201, task);
    }

    private void update(Context ctx) {
        User caller = auth.require(ctx);
        Channel channel = AppApi.channelOf(catalog, ChannelKind.TASK, ctx.pathParam("id"));
        Decision decision = policy.decide(caller, channel);
        if (!decision.isGranted()) {
            throw new ApiException(decision.status(), decision.code().name(), decision.message(), null, null);
        }
        requireAction(actions.mayUpdateTask(caller));
        TaskInput input = TaskInput.forPatch(views.mapper(), ctx.bodyAsBytes());
        Task current = store.task(channel.resourceId())
                .orElseThrow(() -> ApiException.of(ErrorCode.NOT_FOUND, Decision.NOT_FOUND_MESSAGE));
        input.requireSameProject(current.projectId());
        // Optional.map cannot turn the explicit null ("") into null: it would fall back to the current assignee.
        String assignee = input.assigneeId().isEmpty()
                ? current.assigneeId()
                : input.assigneeId().filter(a -> !a.isEmpty()).orElse(null);
        if (input.assigneeId().isPresent()) {
            requireAssignee(caller, assignee);
        }
        Task next = new Task(
                current.id(),
                current.tenantId(),
                current.projectId(),
                input.title() == null ? current.title() : input.title(),
                input.status() == null ? current.status() : input.status(),
                assignee);
        if (!next.equals(current)) {
            broker.requireAvailable(); // SPEC §11: a 503 before changing anything, while Redis is unreachable
            store.saveTask(next);
            publish(next, "task.updated");
        }
        respond(ctx, 200, next);
    }

    private boolean canRead(User caller, ChannelKind kind, String id) {
        Channel channel = new Channel(kind, id, catalog.nameOf(kind, id));
        return policy.decide(caller, channel).isGranted();
    }

    private static void requireAction(boolean isAllowed) {
        if (!isAllowed) {
            throw ApiException.of(ErrorCode.FORBIDDEN, Decision.FORBIDDEN_MESSAGE);
        }
    }

    private void requireAssignee(User caller, String assignee) {
        if (assignee != null
                && store.user(assignee)
                        .filter(u -> u.tenantId().equals(caller.tenantId()))
                        .isEmpty()) {
            throw ApiException.badInput("assignee_id", "No such user in this tenant");
        }
    }

    private void publish(Task task, String event) {
        ObjectNode data = views.task(task);
        for (String channel : List.of(
                catalog.nameOf(ChannelKind.TASK, task.id()), catalog.nameOf(ChannelKind.PROJECT, task.projectId()))) {
            broker.publish(new Envelope(task.tenantId(), channel, event, data, false));
        }
    }

    private void respond(Context ctx, int status, Task task) {
        ObjectNode root = views.mapper().createObjectNode();
        root.set("data", views.task(task));
        Json.write(ctx, status, root);
    }

    private <T> void page(Context ctx, ListPage<T> page, Function<T, ObjectNode> view) {
        ObjectNode root = views.mapper().createObjectNode();
        ArrayNode data = root.putArray("data");
        page.items().forEach(item -> data.add(view.apply(item)));
        root.put("next_cursor", page.nextCursor());
        Json.write(ctx, 200, root);
    }
}
