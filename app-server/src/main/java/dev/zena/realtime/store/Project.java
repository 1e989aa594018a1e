package dev.zena.realtime.store;

import java.util.List;

/** A project; {@code members} are ids of users of the same tenant, in a stable order. */
public record Project(String id, String tenantId, String name, List<String> members) {
    public Project {
        members = List.copyOf(members);
    }

    /** True when the user is listed as a member, active or not. */
    public boolean hasMember(String userId) {
        return members.contains(userId);
    }
}
