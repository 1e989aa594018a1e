package dev.zena.realtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zena.realtime.testing.TestPostgres;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which store a {@code db} value opens (PostgreSQL on the shared test server), and the clear refusal of every kind
 * this build does not support.
 */
class StoresTest {
    @TempDir
    Path dir;

    @Test
    void aFilePathOpensASqliteStoreCreatingItsDirectories() {
        Path db = dir.resolve("data/a:b.db");
        try (Store store = Stores.open(db.toString(), Clock.systemUTC())) {
            assertThat(store).isInstanceOf(SqliteStore.class);
            assertThat(store.isReachable()).isTrue();
        }
        assertThat(db).isRegularFile();
    }

    @Test
    void jdbcSqliteAndFileUrlsOpenTheSameSqliteFile() {
        Path db = dir.resolve("zena.db");
        try (Store first = Stores.open("jdbc:sqlite:" + db)) {
            first.apply(StoreFixtures.twoTenants());
        }
        try (Store upperCase = Stores.open("JDBC:SQLite:" + db);
                Store uri = Stores.open("file:" + db)) {
            assertThat(upperCase).isInstanceOf(SqliteStore.class);
            assertThat(upperCase.tenants()).extracting(Tenant::id).containsExactly("a", "b");
            assertThat(uri.tenants()).extracting(Tenant::id).containsExactly("a", "b");
        }
    }

    @Test
    void aJdbcPostgresqlUrlOpensAPostgresStore() {
        String url = TestPostgres.shared().createDatabase();
        try (Store store = Stores.open("JDBC:PostgreSQL:" + url.substring("jdbc:postgresql:".length()))) {
            assertThat(store).isInstanceOf(PostgresStore.class);
            assertThat(store.isReachable()).isTrue();
            assertThat(store.permissions()).isEqualTo(PermissionMatrix.DEFAULT);
        }
    }

    @Test
    void anUnreachablePostgresqlUrlFailsFastWithoutEchoingThePassword() {
        assertThatThrownBy(() -> Stores.open(
                        "jdbc:postgresql://127.0.0.1:1/zena?password=hunter2&ssl=false",
                        "zena",
                        "hunter3",
                        Clock.systemUTC()))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot connect to jdbc:postgresql://127.0.0.1:1/zena: ")
                .hasMessageNotContaining("hunter");
        assertThat(Path.of("jdbc:postgresql:")).doesNotExist();
    }

    @Test
    void aPostgresqlUrlWithCredentialsBeforeTheHostIsRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> Stores.open("jdbc:postgresql://zena:hunter2@db.example/zena"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("set db.user and db.password")
                .hasMessageNotContaining("hunter2");
    }

    @ParameterizedTest
    @CsvSource({
        "jdbc:mysql://db.example/zena?password=hunter2, jdbc:mysql:",
        "jdbc:, jdbc:",
        "postgres://zena:hunter2@db.example/zena, postgres:",
        "postgresql://db.example/zena, postgresql:",
        "mysql://zena:hunter2@db.example/zena, mysql:",
        "redis://localhost:6379/0, redis:",
        "http://db.example/zena.db, http:",
        "'  sqlite:zena.db', sqlite:"
    })
    void anyOtherUrlIsRefusedByItsSchemeAndNeverReadAsAFileName(String db, String kind) {
        assertThatThrownBy(() -> Stores.open(db))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("unsupported database URL kind " + kind + " ")
                .hasMessageEndingWith(Stores.SUPPORTED)
                .hasMessageNotContaining("hunter2")
                .hasMessageNotContaining("\n");
        assertThat(Path.of(db).getName(0))
                .as("nothing created in the working directory")
                .doesNotExist();
    }
}
