package dev.zena.realtime.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;

/**
 * The upserts and deletes behind the write methods of every store, run inside the caller's transaction, in SQL
 * that SQLite and PostgreSQL read alike. Upserts use {@code ON CONFLICT DO UPDATE} (never {@code REPLACE}, which
 * would delete the row and cascade).
 */
final class EntityWrites {
    private static final String UPSERT_TENANT =
            "INSERT INTO tenants (id, name) VALUES (?, ?) " + "ON CONFLICT (id) DO UPDATE SET name = excluded.name";
    // tokens_valid_after only moves forward here (null keeps it), so an upsert racing a `revoke --user` cannot
    // undo it. A CASE rather than SQLite's MAX(a, b) or PostgreSQL's GREATEST: both databases read it.
    private static final String UPSERT_USER = "INSERT INTO users "
            + "(id, tenant_id, name, email, role, is_active, tokens_valid_after) VALUES (?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (id) DO UPDATE SET tenant_id = excluded.tenant_id, name = excluded.name, "
            + "email = excluded.email, role = excluded.role, is_active = excluded.is_active, "
            + "tokens_valid_after = CASE WHEN excluded.tokens_valid_after IS NULL "
            + "OR users.tokens_valid_after >= excluded.tokens_valid_after THEN users.tokens_valid_after "
            + "ELSE excluded.tokens_valid_after END";
    private static final String UPSERT_PROJECT = "INSERT INTO projects (id, tenant_id, name) VALUES (?, ?, ?) "
            + "ON CONFLICT (id) DO UPDATE SET tenant_id = excluded.tenant_id, name = excluded.name";
    private static final String UPSERT_TASK = "INSERT INTO tasks "
            + "(id, tenant_id, project_id, title, status, assignee_id) VALUES (?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (id) DO UPDATE SET tenant_id = excluded.tenant_id, project_id = excluded.project_id, "
            + "title = excluded.title, status = excluded.status, assignee_id = excluded.assignee_id";

    private EntityWrites() {}

    /**
     * Applies a batch inside the caller's transaction: deletions first (tasks, projects, users, tenants), then
     * upserts (tenants, users, projects, tasks), role sets and revocations.
     */
    static void apply(Connection c, ChangeSet changes) throws SQLException {
        ChangeSet.Deletions deletions = changes.deletions();
        delete(c, "tasks", deletions.tasks());
        delete(c, "projects", deletions.projects());
        delete(c, "users", deletions.users());
        delete(c, "tenants", deletions.tenants());
        for (Tenant tenant : changes.tenants()) {
            upsertTenant(c, tenant);
        }
        for (User user : changes.users()) {
            upsertUser(c, user);
        }
        for (Project project : changes.projects()) {
            upsertProject(c, project);
        }
        for (Task task : changes.tasks()) {
            upsertTask(c, task);
        }
        PermissionRows.replaceRoles(c, changes.rolePermissions());
        for (RevokedToken token : changes.revokedTokens()) {
            ChangeLogRows.revoke(c, token);
        }
    }

    static void upsertTenant(Connection c, Tenant tenant) throws SQLException {
        update(c, UPSERT_TENANT, tenant.id(), tenant.name());
    }

    static void upsertUser(Connection c, User user) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(UPSERT_USER)) {
            statement.setString(1, user.id());
            statement.setString(2, user.tenantId());
            statement.setString(3, user.name());
            statement.setString(4, user.email());
            statement.setString(5, user.role().wireName());
            statement.setInt(6, user.isActive() ? 1 : 0);
            setInstant(statement, 7, user.tokensValidAfter());
            statement.executeUpdate();
        }
    }

    /** Writes the project and, only when they differ from the stored list, its members in order. */
    static void upsertProject(Connection c, Project project) throws SQLException {
        update(c, UPSERT_PROJECT, project.id(), project.tenantId(), project.name());
        List<Project> stored = EntityQueries.projects(c, "WHERE p.id = ?", project.id());
        if (!stored.isEmpty() && stored.get(0).members().equals(project.members())) {
            return;
        }
        update(c, "DELETE FROM project_members WHERE project_id = ?", project.id());
        try (PreparedStatement statement =
                c.prepareStatement("INSERT INTO project_members (project_id, user_id, position) VALUES (?, ?, ?)")) {
            for (int i = 0; i < project.members().size(); i++) {
                statement.setString(1, project.id());
                statement.setString(2, project.members().get(i));
                statement.setInt(3, i);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    static void upsertTask(Connection c, Task task) throws SQLException {
        update(
                c,
                UPSERT_TASK,
                task.id(),
                task.tenantId(),
                task.projectId(),
                task.title(),
                task.status(),
                task.assigneeId());
    }

    /** Deletes rows by id from one of the entity tables; the schema's cascades remove what hangs off them. */
    static void delete(Connection c, String table, List<String> ids) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
            for (String id : ids) {
                statement.setString(1, id);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    static boolean setTokensValidAfter(Connection c, String userId, Instant instant) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement("UPDATE users SET tokens_valid_after = ? WHERE id = ?")) {
            setInstant(statement, 1, instant);
            statement.setString(2, userId);
            return statement.executeUpdate() > 0;
        }
    }

    static int update(Connection c, String sql, String... args) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setString(i + 1, args[i]);
            }
            return statement.executeUpdate();
        }
    }

    private static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, instant.toEpochMilli());
        }
    }
}
