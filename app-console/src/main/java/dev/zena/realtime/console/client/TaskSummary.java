package dev.zena.realtime.console.client;

/** A task of the token's tenant as {@code GET /api/v1/app/tasks} lists it; used to name channels. */
public record TaskSummary(String id, String tenantId, String projectId, String title, String assigneeId) {}
