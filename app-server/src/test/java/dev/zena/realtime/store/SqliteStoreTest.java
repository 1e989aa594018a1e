package dev.zena.realtime.store;

import static dev.zena.realtime.store.StoreFixtures.twoTenants;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite store under the store contract — the other instance is a second {@link SqliteStore} on the same
 * file, as the CLI or a second server opens it — plus what is its own: the file, its mode and its URLs.
 */
class SqliteStoreTest extends StoreContract {
    @TempDir
    Path dir;

    private Path db() {
        return dir.resolve("nested/dirs/zena.db");
    }

    @Override
    protected Store openStore(Clock clock) {
        return SqliteStore.open(db().toString(), clock);
    }

    @Override
    protected Store openOtherInstance(Clock clock) {
        return SqliteStore.open(db().toString(), clock);
    }

    @Test
    void aNewStoreCreatesItsDirectoriesAndItAndItsWalAreReadableByTheOwnerOnly() throws Exception {
        assertThat(dir.resolve("nested/dirs")).isDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db())))
                .isEqualTo("rw-------");
        Path wal = dir.resolve("nested/dirs/zena.db-wal");
        assertThat(Files.exists(wal)).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(wal)))
                .isEqualTo("rw-------");
    }

    @Test
    void reopeningAJdbcSqliteUrlMigratesNothingAndKeepsData() {
        store.apply(twoTenants());
        long seq = store.lastChangeSeq();
        store.close();

        store = SqliteStore.open("jdbc:sqlite:" + db());

        assertThat(store.allUsers()).hasSize(3);
        assertThat(store.permissions()).isEqualTo(PermissionMatrix.DEFAULT);
        assertThat(store.lastChangeSeq()).isEqualTo(seq);
    }

    /** Stricter than the contract's bound: SQLite checks the file's version on every read, so never lags. */
    @Test
    void aMatrixChangedByAnotherInstanceIsReadAtOnce() {
        for (int i = 0; i < 8; i++) {
            assertThat(store.permissions()).isEqualTo(PermissionMatrix.DEFAULT);
        }
        PermissionMatrix noTasks = PermissionMatrix.DEFAULT.withRole(Role.MEMBER, Set.of());
        other.savePermissions(noTasks);
        for (int i = 0; i < 8; i++) {
            assertThat(store.permissions()).as("changed by another instance").isEqualTo(noTasks);
        }
    }

    @Test
    void anInMemoryUrlIsRefused() {
        assertThatThrownBy(() -> SqliteStore.open("jdbc:sqlite::memory:")).isInstanceOf(StoreException.class);
    }
}
