package dev.zena.realtime.store;

import static dev.zena.realtime.store.StoreFixtures.twoTenants;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
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

    /** SQLite's readers see every commit at once: the preload keeps exactly the first users by id, and no more. */
    @Test
    void thePreloadKeepsTheFirstUsersByIdAndAnotherInstancesCommitDropsThem() {
        store.apply(StoreFixtures.twoTenants());

        assertThat(store.preloadUsers(2)).isEqualTo(2);
        assertThat(store.preloadUsers(10))
                .as("a1 and a2 are kept already; b1 is added")
                .isEqualTo(1);

        other.setTokensValidAfter("b1", Instant.parse("2026-02-03T04:05:06Z"));
        assertThat(store.user("b1").orElseThrow().tokensValidAfter())
                .as("read at once after another instance's commit")
                .isEqualTo(Instant.parse("2026-02-03T04:05:06Z"));
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

    /**
     * Rows are kept in memory between commits (the access decision of a connection storm reads them again and
     * again), yet a commit by another process is read by the very next lookup, whichever pooled reader serves it,
     * and so is one by this store, including a row that was kept as absent.
     */
    @Test
    void rowsChangedByAnotherInstanceOrThisOneAreReadAtOnce() {
        store.apply(twoTenants());
        for (int i = 0; i < 8; i++) { // more lookups than the store has readers: every reader has seen the version
            assertThat(store.user("a2")).map(User::isActive).contains(true);
            assertThat(store.project("ap1")).map(Project::name).contains("Tower");
            assertThat(store.task("at1")).map(Task::status).contains("open");
            assertThat(store.task("at9")).isEmpty();
        }

        other.apply(StoreFixtures.upserts(
                List.of(),
                List.of(new User("a2", "a", "User a2", "a2@example.test", Role.MEMBER, false, null)),
                List.of(new Project("ap1", "a", "Spire", List.of("a1"))),
                List.of(new Task("at1", "a", "ap1", "Pour", "done", null))));
        for (int i = 0; i < 8; i++) {
            assertThat(store.user("a2"))
                    .as("deactivated by another instance")
                    .map(User::isActive)
                    .contains(false);
            assertThat(store.project("ap1")).map(Project::members).contains(List.of("a1"));
            assertThat(store.task("at1")).map(Task::status).contains("done");
        }

        store.saveTask(new Task("at9", "a", "ap1", "Seal", "open", null));
        other.apply(StoreFixtures.deletions(new ChangeSet.Deletions(List.of(), List.of(), List.of(), List.of("at1"))));
        for (int i = 0; i < 8; i++) {
            assertThat(store.task("at9"))
                    .as("kept as absent, then written here")
                    .isPresent();
            assertThat(store.task("at1")).as("deleted by another instance").isEmpty();
        }
    }

    /**
     * The readers keep their prepared statements (ADR 0035): after the lookups a handshake and the revocation poll
     * make, each with a kept statement on each reader (one-row, no-row and many-row reads), the next commit of
     * another process is seen by every reader, the change log and the kept rows included.
     */
    @Test
    void readersKeepingTheirStatementsSeeTheNextCommitOfAnotherProcess() {
        store.apply(twoTenants());
        for (int round = 0; round < 4; round++) {
            long seq = store.lastChangeSeq();
            for (int i = 0; i < 8; i++) { // more than the store has readers: every reader ran every statement
                assertThat(store.isRevoked("other-" + i)).isFalse();
                assertThat(store.user("a1")).isPresent();
                assertThat(store.project("ap1")).isPresent();
                assertThat(store.tasks("a")).hasSize(2);
                assertThat(store.changesSince(seq, 100)).isEmpty();
            }
            Instant validAfter = Instant.ofEpochSecond(1_800_000_000L + round);
            other.setTokensValidAfter("a1", validAfter);
            other.revoke(new RevokedToken("jti-" + round, NOW.plusSeconds(3600)));
            for (int i = 0; i < 8; i++) {
                String read = "round " + round + ", read " + i;
                assertThat(store.lastChangeSeq()).as(read).isGreaterThan(seq);
                assertThat(store.changesSince(seq, 100)).as(read).isNotEmpty();
                assertThat(store.user("a1"))
                        .as(read)
                        .map(User::tokensValidAfter)
                        .contains(validAfter);
                assertThat(store.isRevoked("jti-" + round)).as(read).isTrue();
            }
        }
    }

    @Test
    void anInMemoryUrlIsRefused() {
        assertThatThrownBy(() -> SqliteStore.open("jdbc:sqlite::memory:")).isInstanceOf(StoreException.class);
    }
}
