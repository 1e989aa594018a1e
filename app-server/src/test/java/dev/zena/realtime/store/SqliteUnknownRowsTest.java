package dev.zena.realtime.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zena.realtime.testing.LogCapture;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows this build did not write (a newer version, a hand edit) never break a read. */
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

    @Test
    void aChangeOfAnUnknownKindIsReadAsUnknownAndLoggedEscaped() throws Exception {
        String db = dir.resolve("zena.db").toString();
        try (SqliteStore store = SqliteStore.open(db);
                LogCapture logs = LogCapture.start()) {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                    Statement statement = c.createStatement()) {
                statement.executeUpdate("INSERT INTO change_log (kind, entity_id) VALUES ('widget\nx=1', 'w1')");
                statement.executeUpdate("INSERT INTO change_log (kind, entity_id) VALUES ('tenant', 'a')");
            }

            assertThat(store.changesSince(0, 10))
                    .extracting(Change::kind)
                    .containsExactly(ChangeKind.UNKNOWN, ChangeKind.TENANT);
            assertThat(logs.messages())
                    .filteredOn(m -> m.startsWith("store_unknown_change_kind"))
                    .containsExactly("store_unknown_change_kind seq=1 kind=\"widget\\nx=1\" entity_id=w1");
        }
    }
}
