package dev.zena.realtime.store;

/** A task of a project of the same tenant; {@code assigneeId} is nullable. */
public record Task(String id, String tenantId, String projectId, String title, String status, String assigneeId) {}
