package dev.zena.realtime.console.client;

import java.util.List;

/** A project of the token's tenant as {@code GET /api/v1/app/projects} lists it; used to name channels. */
public record ProjectSummary(String id, String tenantId, String name, List<String> members) {

    public ProjectSummary {
        members = List.copyOf(members);
    }
}
