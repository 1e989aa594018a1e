package dev.zena.realtime.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zena.realtime.store.Project;
import dev.zena.realtime.store.Task;
import dev.zena.realtime.store.User;

/** The JSON form of entities: what GET answers and what task events carry as {@code data}. */
public final class Views {

    private final ObjectMapper mapper;

    public Views(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectMapper mapper() {
        return mapper;
    }

    ObjectNode task(Task task) {
        ObjectNode node = mapper.createObjectNode();
        node.put("id", task.id())
                .put("tenant_id", task.tenantId())
                .put("project_id", task.projectId())
                .put("title", task.title())
                .put("status", task.status())
                .put("assignee_id", task.assigneeId());
        return node;
    }

    ObjectNode project(Project project) {
        ObjectNode node = mapper.createObjectNode();
        node.put("id", project.id()).put("tenant_id", project.tenantId()).put("name", project.name());
        project.members().forEach(node.putArray("members")::add);
        return node;
    }

    ObjectNode user(User user) {
        ObjectNode node = mapper.createObjectNode();
        node.put("id", user.id())
                .put("tenant_id", user.tenantId())
                .put("name", user.name())
                .put("email", user.email())
                .put("role", user.role().wireName())
                .put("is_active", user.isActive());
        return node;
    }
}
