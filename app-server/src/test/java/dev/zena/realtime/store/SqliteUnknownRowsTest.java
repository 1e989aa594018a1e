package dev.zena.realtime.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteUnknownRowsTest {
    @TempDir
    Path dir;

    @Test
    void rowsNamingUnknownPermissionsOrRolesAreIgnored() throws Exception {
        String db = dir.resolve("zena.db").toString();
        try (SqliteStore store = SqliteStore.open(db)) {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                 Statement statement = c.createStatement()) {
                statement.executeUpdate("INSERT INTO role_permissions VALUES ('client', 'reports.export')");
                statement.executeUpdate("INSERT INTO role_permissions VALUES ('auditor', 'dashboard.view')");
            }

            assertThat(store.permissions()).isEqualTo(PermissionMatrix.DEFAULT);
        }
    }
}
