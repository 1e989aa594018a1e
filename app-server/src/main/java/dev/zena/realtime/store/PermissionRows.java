package dev.zena.realtime.store;

import dev.zena.realtime.log.LogText;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads and writes the {@code role_permissions} table as a {@link PermissionMatrix}. */
final class PermissionRows {
    private static final Logger LOG = LoggerFactory.getLogger(PermissionRows.class);

    private PermissionRows() {}

    /** The stored matrix; rows naming an unknown role or permission are skipped with a warning. */
    static PermissionMatrix read(Connection c) throws SQLException {
        Map<Role, Set<Permission>> grants = new EnumMap<>(Role.class);
        try (PreparedStatement statement = c.prepareStatement("SELECT role, permission FROM role_permissions");
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                Optional<Role> role = Role.fromWire(rs.getString(1));
                Optional<Permission> permission = Permission.fromWire(rs.getString(2));
                if (role.isEmpty() || permission.isEmpty()) {
                    LOG.warn(
                            "store_unknown_permission role={} permission={}",
                            LogText.of(rs.getString(1)),
                            LogText.of(rs.getString(2)));
                    continue;
                }
                grants.computeIfAbsent(role.get(), r -> EnumSet.noneOf(Permission.class))
                        .add(permission.get());
            }
        }
        return new PermissionMatrix(grants);
    }

    /** Replaces the sets of the roles given; roles not in the map keep theirs. */
    static void replaceRoles(Connection c, Map<Role, Set<Permission>> roles) throws SQLException {
        for (Map.Entry<Role, Set<Permission>> entry : roles.entrySet()) {
            replaceRole(c, entry.getKey(), entry.getValue());
        }
    }

    /**
     * Makes one role's rows equal {@code requested} plus its default administrative permissions, touching only
     * the rows that differ so that the change log records real changes only.
     */
    static void replaceRole(Connection c, Role role, Set<Permission> requested) throws SQLException {
        Set<Permission> wanted =
                PermissionMatrix.DEFAULT.withRole(role, requested).of(role);
        Set<Permission> current = read(c).of(role);
        try (PreparedStatement delete =
                        c.prepareStatement("DELETE FROM role_permissions WHERE role = ? AND permission = ?");
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO role_permissions (role, permission) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            for (Permission permission : Permission.values()) {
                PreparedStatement statement = wanted.contains(permission) ? insert : delete;
                if (wanted.contains(permission) == current.contains(permission)) {
                    continue;
                }
                statement.setString(1, role.wireName());
                statement.setString(2, permission.wireName());
                statement.executeUpdate();
            }
        }
    }
}
