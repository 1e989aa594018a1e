package dev.zena.realtime.store;

import static dev.zena.realtime.store.StoreFixtures.deletions;
import static dev.zena.realtime.store.StoreFixtures.twoTenants;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class SqliteStoreTest {
    @TempDir
    Path dir;
    private SqliteStore store;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("nested/dirs/zena.db").toString());
        store.apply(twoTenants());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aNewStoreAndItsWalAreReadableByTheOwnerOnly() throws Exception {
        Path db = dir.resolve("nested/dirs/zena.db");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db))).isEqualTo("rw-------");
        Path wal = dir.resolve("nested/dirs/zena.db-wal");
        assertThat(Files.exists(wal)).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(wal))).isEqualTo("rw-------");
    }

    @Test
    void readsBackWhatWasWritten() {
        assertThat(store.tenants()).extracting(Tenant::id).containsExactly("a", "b");
        assertThat(store.tenant("a")).contains(new Tenant("a", "Tenant a"));
        assertThat(store.users("a")).extracting(User::id).containsExactly("a1", "a2");
        assertThat(store.allUsers()).extracting(User::id).containsExactly("a1", "a2", "b1");
        assertThat(store.user("b1")).contains(StoreFixtures.user("b1", "b", Role.CLIENT));
        assertThat(store.project("ap1")).contains(new Project("ap1", "a", "Tower", List.of("a2", "a1")));
        assertThat(store.projects("b")).containsExactly(new Project("bp1", "b", "Bridge", List.of("b1")));
        assertThat(store.task("at2")).contains(new Task("at2", "a", "ap1", "Cure", "done", null));
        assertThat(store.tasks("a")).extracting(Task::id).containsExactly("at1", "at2");
        assertThat(store.tenant("zz")).isEmpty();
        assertThat(store.user("zz")).isEmpty();
        assertThat(store.project("zz")).isEmpty();
        assertThat(store.task("zz")).isEmpty();
        assertThat(store.isReachable()).isTrue();
    }

    @Test
    void theMatrixReadOnEveryDecisionIsNeverStaleWhoeverChangesIt() {
        // Read on every reader of the pool first, so that each has a matrix to keep.
        for (int i = 0; i < 8; i++) {
            assertThat(store.permissions()).isEqualTo(PermissionMatrix.DEFAULT);
        }
        PermissionMatrix noTasks = PermissionMatrix.DEFAULT.withRole(Role.MEMBER, java.util.Set.of());
        store.savePermissions(noTasks);
        for (int i = 0; i < 8; i++) {
            assertThat(store.permissions()).as("changed by this store's writer").isEqualTo(noTasks);
        }
        try (SqliteStore otherProcess = SqliteStore.open(dir.resolve("nested/dirs/zena.db").toString())) {
            otherProcess.savePermissions(PermissionMatrix.DEFAULT);
        }
        for (int i = 0; i < 8; i++) {
            assertThat(store.permissions()).as("changed by another connection to the file").isEqualTo(
                    PermissionMatrix.DEFAULT);
        }
    }

    @Test
    void upsertsReplaceFieldsAndMemberOrder() {
        User disabled = new User("a2", "a", "Ann", "ann@a.test", Role.PROJECT_MANAGER, false, null);
        store.apply(StoreFixtures.upserts(List.of(), List.of(disabled),
                List.of(new Project("ap1", "a", "Tower 2", List.of("a1"))), List.of()));
        store.saveTask(new Task("at2", "a", "ap1", "Cure", "blocked", "a1"));

        assertThat(store.user("a2")).contains(disabled);
        assertThat(store.project("ap1")).contains(new Project("ap1", "a", "Tower 2", List.of("a1")));
        assertThat(store.task("at2").orElseThrow().status()).isEqualTo("blocked");
    }

    @Test
    void tokensValidAfterIsSetAndNotUndoneByAnUpsert() {
        Instant cut = Instant.parse("2026-01-02T03:04:05.678Z");
        assertThat(store.setTokensValidAfter("a1", cut)).isTrue();
        assertThat(store.setTokensValidAfter("nobody", cut)).isFalse();

        store.apply(StoreFixtures.upserts(List.of(), List.of(StoreFixtures.user("a1", "a", Role.MEMBER)),
                List.of(), List.of()));

        assertThat(store.user("a1").orElseThrow().tokensValidAfter()).isEqualTo(cut);
        assertThat(store.user("a1").orElseThrow().role()).isEqualTo(Role.MEMBER);
    }

    @Test
    void deletingATenantRemovesEverythingItOwns() {
        store.apply(deletions(new ChangeSet.Deletions(List.of("a"), List.of(), List.of(), List.of())));

        assertThat(store.tenants()).extracting(Tenant::id).containsExactly("b");
        assertThat(store.allUsers()).extracting(User::id).containsExactly("b1");
        assertThat(store.projects("a")).isEmpty();
        assertThat(store.tasks("a")).isEmpty();
        assertThat(store.tasks("b")).hasSize(1);
    }

    @Test
    void deletingAUserRemovesMembershipsAndUnassignsTasks() {
        store.apply(deletions(new ChangeSet.Deletions(List.of(), List.of("a2"), List.of(), List.of())));

        assertThat(store.user("a2")).isEmpty();
        assertThat(store.project("ap1").orElseThrow().members()).containsExactly("a1");
        assertThat(store.task("at1")).contains(new Task("at1", "a", "ap1", "Pour", "open", null));
    }

    @Test
    void deletingAProjectRemovesItsTasksAndMemberships() {
        store.apply(deletions(new ChangeSet.Deletions(List.of(), List.of(), List.of("ap1"), List.of("bt1"))));

        assertThat(store.projects("a")).isEmpty();
        assertThat(store.tasks("a")).isEmpty();
        assertThat(store.tasks("b")).isEmpty();
        assertThat(store.users("a")).hasSize(2);
    }

    @Test
    void aFailingBatchWritesNothing() {
        long before = store.lastChangeSeq();
        ChangeSet broken = StoreFixtures.upserts(List.of(StoreFixtures.tenant("c")), List.of(),
                List.of(), List.of(new Task("ct1", "c", "no-such-project", "x", "open", null)));

        assertThatThrownBy(() -> store.apply(broken)).isInstanceOf(StoreException.class);

        assertThat(store.tenant("c")).isEmpty();
        assertThat(store.lastChangeSeq()).isEqualTo(before);
    }

    @Test
    void reopeningMigratesNothingAndKeepsData() {
        String db = dir.resolve("nested/dirs/zena.db").toString();
        long seq = store.lastChangeSeq();
        store.close();

        store = SqliteStore.open("jdbc:sqlite:" + db);

        assertThat(store.allUsers()).hasSize(3);
        assertThat(store.permissions()).isEqualTo(PermissionMatrix.DEFAULT);
        assertThat(store.lastChangeSeq()).isEqualTo(seq);
    }

    @Test
    void aClosedStoreRefusesCallsAndAnInMemoryUrlIsRefused() {
        store.close();

        assertThatThrownBy(() -> store.tenants()).isInstanceOf(StoreException.class);
        assertThat(store.isReachable()).isFalse();
        assertThatThrownBy(() -> SqliteStore.open("jdbc:sqlite::memory:")).isInstanceOf(StoreException.class);
    }
}
