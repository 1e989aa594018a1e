package dev.zena.realtime.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class SqliteChangeLogTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path dir;
    private SqliteStore server;
    private SqliteStore cli;

    @BeforeEach
    void open() {
        String db = dir.resolve("zena.db").toString();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        server = SqliteStore.open(db, clock);
        cli = SqliteStore.open(db, clock);
    }

    @AfterEach
    void close() {
        server.close();
        cli.close();
    }

    @Test
    void aWriteThroughAnotherInstanceIsVisibleInTheChangeLog() {
        assertThat(server.lastChangeSeq()).isZero();

        cli.apply(StoreFixtures.twoTenants());

        List<Change> changes = server.changesSince(0, 1000);
        assertThat(changes).extracting(Change::kind).contains(ChangeKind.TENANT, ChangeKind.USER, ChangeKind.PROJECT,
                ChangeKind.TASK);
        assertThat(changes).contains(new Change(changes.get(0).seq(), ChangeKind.TENANT, "a"));
        assertThat(changes).extracting(Change::seq).isSorted().doesNotHaveDuplicates();
        assertThat(server.lastChangeSeq()).isEqualTo(changes.get(changes.size() - 1).seq());
        assertThat(server.user("b1")).isPresent();
    }

    @Test
    void eachKindOfWriteIsRecordedWithItsEntity() {
        cli.apply(StoreFixtures.twoTenants());
        long seq = server.lastChangeSeq();

        cli.setTokensValidAfter("a1", NOW);
        cli.apply(StoreFixtures.upserts(List.of(), List.of(),
                List.of(new Project("ap1", "a", "Tower", List.of("a1"))), List.of()));
        cli.saveTask(new Task("at2", "a", "ap1", "Cure", "open", null));
        cli.savePermissions(PermissionMatrix.DEFAULT.withRole(Role.CLIENT, Set.of(Permission.DASHBOARD_VIEW)));
        cli.revoke(new RevokedToken("jti-1", NOW.plusSeconds(60)));

        assertThat(server.changesSince(seq, 100)).extracting(c -> c.kind().dbName() + ":" + c.entityId())
                .containsSubsequence("user:a1", "project:ap1", "task:at2", "role:client", "revoked:jti-1")
                .doesNotContain("role:admin");
    }

    @Test
    void anUpsertThatChangesNothingRecordsNothing() {
        cli.apply(StoreFixtures.twoTenants());
        long seq = server.lastChangeSeq();

        cli.apply(StoreFixtures.twoTenants());
        cli.savePermissions(PermissionMatrix.DEFAULT);

        assertThat(server.lastChangeSeq()).isEqualTo(seq);
    }

    @Test
    void aDeletionRecordsTheCascadedRowsToo() {
        cli.apply(StoreFixtures.twoTenants());
        long seq = server.lastChangeSeq();

        cli.apply(StoreFixtures.deletions(new ChangeSet.Deletions(List.of(), List.of("a2"), List.of(), List.of())));

        assertThat(server.changesSince(seq, 100)).extracting(c -> c.kind().dbName() + ":" + c.entityId())
                .contains("user:a2", "project:ap1", "task:at1");
    }

    @Test
    void revocationsExpireByTheClockAndPruneKeepsTheNewestChanges() {
        cli.revoke(new RevokedToken("live", NOW.plusSeconds(60)));
        cli.revoke(new RevokedToken("gone", NOW.minusSeconds(1)));
        cli.apply(StoreFixtures.twoTenants());
        long last = server.lastChangeSeq();

        assertThat(server.isRevoked("live")).isTrue();
        assertThat(server.isRevoked("gone")).isFalse();
        assertThat(server.isRevoked("never")).isFalse();

        server.prune(NOW, 3);

        assertThat(server.changesSince(0, 100)).hasSize(3);
        assertThat(server.lastChangeSeq()).isGreaterThan(last);
        assertThat(server.isRevoked("live")).isTrue();
        server.prune(NOW.plusSeconds(120), 0);
        assertThat(server.isRevoked("live")).isFalse();
        assertThat(server.changesSince(0, 100)).isEmpty();
        assertThat(server.lastChangeSeq()).isGreaterThan(last);
    }

    @Test
    void theSeededMatrixIsTheDefaultAndEditsKeepAdministrativePermissions() {
        assertThat(server.permissions()).isEqualTo(PermissionMatrix.DEFAULT);

        Map<Role, Set<Permission>> edit = Map.of(Role.ADMIN, EnumSet.of(Permission.DASHBOARD_VIEW),
                Role.MEMBER, EnumSet.of(Permission.ADMIN_GLOBAL, Permission.TASKS_VIEW));
        cli.savePermissions(new PermissionMatrix(edit));

        PermissionMatrix stored = server.permissions();
        assertThat(stored.of(Role.ADMIN)).containsExactlyInAnyOrder(Permission.DASHBOARD_VIEW, Permission.ADMIN_ACCESS);
        assertThat(stored.of(Role.MEMBER)).containsExactly(Permission.TASKS_VIEW);
        assertThat(stored.of(Role.SUPER_ADMIN)).containsExactlyInAnyOrder(Permission.ADMIN_ACCESS,
                Permission.ADMIN_GLOBAL);
    }

    @Test
    void concurrentWritersAndReadersOnTwoInstancesAllSucceed() throws Exception {
        cli.apply(StoreFixtures.twoTenants());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < 60; i++) {
                int n = i;
                SqliteStore target = n % 2 == 0 ? server : cli;
                futures.add(pool.submit(() -> target.saveTask(new Task("c" + n, "a", "ap1", "T", "open", null))));
                futures.add(pool.submit(() -> target.tasks("a")));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.tasks("a")).hasSize(62);
    }
}
