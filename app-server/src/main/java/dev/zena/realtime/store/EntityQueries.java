package dev.zena.realtime.store;

import dev.zena.realtime.log.LogText;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The SELECTs behind the read methods of every store; each is one statement, so one snapshot. */
final class EntityQueries {
    private static final Logger LOG = LoggerFactory.getLogger(EntityQueries.class);
    private static final String USER_COLUMNS =
            "SELECT id, tenant_id, name, email, role, is_active, tokens_valid_after FROM users ";
    private static final String TASK_COLUMNS =
            "SELECT id, tenant_id, project_id, title, status, assignee_id FROM tasks ";
    private static final String PROJECT_JOIN = "SELECT p.id, p.tenant_id, p.name, m.user_id FROM projects p "
            + "LEFT JOIN project_members m ON m.project_id = p.id ";

    private EntityQueries() {}

    static List<Tenant> tenants(Connection c, String where, String... args) throws SQLException {
        return list(
                c,
                "SELECT id, name FROM tenants " + where + " ORDER BY id",
                args,
                rs -> new Tenant(rs.getString(1), rs.getString(2)));
    }

    static List<User> users(Connection c, String where, String... args) throws SQLException {
        return usersOrdered(c, where + " ORDER BY id", args);
    }

    /** The first {@code limit} users by id (a server's preload at start, {@link Store#preloadUsers}). */
    static List<User> firstUsers(Connection c, int limit) throws SQLException {
        return usersOrdered(c, " ORDER BY id LIMIT " + limit);
    }

    private static List<User> usersOrdered(Connection c, String tail, String... args) throws SQLException {
        List<User> users = list(c, USER_COLUMNS + tail, args, EntityQueries::user);
        users.removeIf(java.util.Objects::isNull);
        return users;
    }

    static List<Task> tasks(Connection c, String where, String... args) throws SQLException {
        return list(
                c,
                TASK_COLUMNS + where + " ORDER BY id",
                args,
                rs -> new Task(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6)));
    }

    static List<Project> projects(Connection c, String where, String... args) throws SQLException {
        try (Prepared prepared = Prepared.of(c, PROJECT_JOIN + where + " ORDER BY p.id, m.position")) {
            PreparedStatement statement = prepared.statement();
            bind(statement, args);
            Map<String, ProjectRows> byId = new LinkedHashMap<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ProjectRows rows = byId.computeIfAbsent(rs.getString(1), id -> new ProjectRows(id, rs));
                    rows.addMember(rs.getString(4));
                }
            }
            return byId.values().stream().map(ProjectRows::toProject).toList();
        }
    }

    static <T> Optional<T> first(List<T> rows) {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private static User user(ResultSet rs) throws SQLException {
        Optional<Role> role = Role.fromWire(rs.getString(5));
        if (role.isEmpty()) {
            LOG.warn(
                    "store_unknown_role table=users id={} role={}",
                    LogText.of(rs.getString(1)),
                    LogText.of(rs.getString(5)));
            return null;
        }
        long validAfter = rs.getLong(7);
        Instant tokensValidAfter = rs.wasNull() ? null : Instant.ofEpochMilli(validAfter);
        return new User(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                role.get(),
                rs.getInt(6) != 0,
                tokensValidAfter);
    }

    private static <T> List<T> list(Connection c, String sql, String[] args, RowReader<T> reader) throws SQLException {
        try (Prepared prepared = Prepared.of(c, sql)) {
            PreparedStatement statement = prepared.statement();
            bind(statement, args);
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
            }
            return rows;
        }
    }

    private static void bind(PreparedStatement statement, String[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            statement.setString(i + 1, args[i]);
        }
    }

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Accumulates the joined rows of one project. */
    private static final class ProjectRows {
        private final String id;
        private final String tenantId;
        private final String name;
        private final List<String> members = new ArrayList<>();

        ProjectRows(String id, ResultSet rs) {
            try {
                this.id = id;
                this.tenantId = rs.getString(2);
                this.name = rs.getString(3);
            } catch (SQLException e) {
                throw new StoreException("cannot read project row: " + e.getMessage(), e);
            }
        }

        void addMember(String userId) {
            if (userId != null) {
                members.add(userId);
            }
        }

        Project toProject() {
            return new Project(id, tenantId, name, members);
        }
    }
}
