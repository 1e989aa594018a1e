package dev.zena.realtime.config;

/**
 * Channel name patterns (SPEC §4.1), each with exactly one placeholder ({@code {user_id}}, {@code {tenant_id}},
 * {@code {project_id}} or {@code {task_id}}), e.g. {@code project.{project_id}}.
 */
public record ChannelsConfig(
        String dashboard,
        String alerts,
        String notifications,
        String metrics,
        String system,
        String project,
        String task) {}
