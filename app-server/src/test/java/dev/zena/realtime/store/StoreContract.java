package dev.zena.realtime.store;

import static dev.zena.realtime.store.StoreFixtures.deletions;
import static dev.zena.realtime.store.StoreFixtures.twoTenants;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link Store} must do, whatever database carries it: read back its writes, upsert, cascade
 * deletions, apply batches atomically, keep the permission matrix (within the staleness bound of
 * {@link Store#permissions}), expire revocations by its clock, and feed the change log as {@link Store}'s Javadoc
 * promises (every changed row, commit order, no gaps), including for writes made by another process on the same
 * database. A subclass supplies the stores; each test starts on an empty,
 * migrated database.
 */
@Timeout(60)
public abstract class StoreContract {

    /** The instant both stores' clocks stand at. */
    protected static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    /** How soon {@link Store#permissions} must return a change made by another instance (its Javadoc). */
    protected static final Duration MATRIX_FROM_ANOTHER_INSTANCE = Duration.ofSeconds(1);

    protected final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    /** The store under test, as the server holds it. */
    protected Store store;
    /** Another process sharing the same database, as {@code import} or {@code revoke} from a second shell. */
    protected Store other;

    /** Called before each test: a new store on {@code clock} over an empty database of its own. */
    protected abstract Store openStore(Clock clock);

    /** Called after {@link #openStore}: a second instance on the same database, as another process opens it. */
    protected abstract Store openOtherInstance(Clock clock);

    @BeforeEach
    void openStores() {
        store = openStore(clock);
        other = openOtherInstance(clock);
    }

    @AfterEach
    void closeStores() {
        other.close();
        store.close();
    }

    @Test
    void readsBackWhatWasWritten() {
        store.apply(twoTenants());

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
    void upsertsReplaceFieldsAndMemberOrder() {
        store.apply(twoTenants());
        User disabled = new User("a2", "a", "Ann", "ann@a.test", Role.PROJECT_MANAGER, false, null);
        store.apply(StoreFixtures.upserts(
                List.of(), List.of(disabled), List.of(new Project("ap1", "a", "Tower 2", List.of("a1"))), List.of()));
        store.saveTask(new Task("at2", "a", "ap1", "Cure", "blocked", "a1"));

        assertThat(store.user("a2")).contains(disabled);
        assertThat(store.project("ap1")).contains(new Project("ap1", "a", "Tower 2", List.of("a1")));
        assertThat(store.task("at2").orElseThrow().status()).isEqualTo("blocked");
    }

    @Test
    void tokensValidAfterIsSetAndNotUndoneByAnUpsert() {
        store.apply(twoTenants());
        Instant cut = Instant.parse("2026-01-02T03:04:05.678Z");
        assertThat(store.setTokensValidAfter("a1", cut)).isTrue();
        assertThat(store.setTokensValidAfter("nobody", cut)).isFalse();

        store.apply(StoreFixtures.upserts(
                List.of(), List.of(StoreFixtures.user("a1", "a", Role.MEMBER)), List.of(), List.of()));

        assertThat(store.user("a1").orElseThrow().tokensValidAfter()).isEqualTo(cut);
        assertThat(store.user("a1").orElseThrow().role()).isEqualTo(Role.MEMBER);
    }

    @Test
    void deletingATenantRemovesEverythingItOwns() {
        store.apply(twoTenants());
        store.apply(deletions(new ChangeSet.Deletions(List.of("a"), List.of(), List.of(), List.of())));

        assertThat(store.tenants()).extracting(Tenant::id).containsExactly("b");
        assertThat(store.allUsers()).extracting(User::id).containsExactly("b1");
        assertThat(store.projects("a")).isEmpty();
        assertThat(store.tasks("a")).isEmpty();
        assertThat(store.tasks("b")).hasSize(1);
    }

    @Test
    void deletingAUserRemovesMembershipsAndUnassignsTasks() {
        store.apply(twoTenants());
        store.apply(deletions(new ChangeSet.Deletions(List.of(), List.of("a2"), List.of(), List.of())));

        assertThat(store.user("a2")).isEmpty();
        assertThat(store.project("ap1").orElseThrow().members()).containsExactly("a1");
        assertThat(store.task("at1")).contains(new Task("at1", "a", "ap1", "Pour", "open", null));
    }

    @Test
    void deletingAProjectRemovesItsTasksAndMemberships() {
        store.apply(twoTenants());
        store.apply(deletions(new ChangeSet.Deletions(List.of(), List.of(), List.of("ap1"), List.of("bt1"))));

        assertThat(store.projects("a")).isEmpty();
        assertThat(store.tasks("a")).isEmpty();
        assertThat(store.tasks("b")).isEmpty();
        assertThat(store.users("a")).hasSize(2);
    }

    @Test
    void aFailingBatchWritesNothing() {
        store.apply(twoTenants());
        long before = store.lastChangeSeq();
        ChangeSet broken = StoreFixtures.upserts(
                List.of(StoreFixtures.tenant("c")),
                List.of(),
                List.of(),
                List.of(new Task("ct1", "c", "no-such-project", "x", "open", null)));

        assertThatThrownBy(() -> store.apply(broken)).isInstanceOf(StoreException.class);

        assertThat(store.tenant("c")).isEmpty();
        assertThat(store.lastChangeSeq()).isEqualTo(before);
    }

    @Test
    void aClosedStoreRefusesCallsAndIsNotReachable() {
        store.close();

        assertThatThrownBy(() -> store.tenants()).isInstanceOf(StoreException.class);
        assertThat(store.isReachable()).isFalse();
    }

    @Test
    void theSeededMatrixIsTheDefaultAndEditsKeepAdministrativePermissions() {
        assertThat(store.permissions()).isEqualTo(PermissionMatrix.DEFAULT);

        Map<Role, Set<Permission>> edit = Map.of(
                Role.ADMIN,
                EnumSet.of(Permission.DASHBOARD_VIEW),
                Role.MEMBER,
                EnumSet.of(Permission.ADMIN_GLOBAL, Permission.TASKS_VIEW));
        other.savePermissions(new PermissionMatrix(edit));

        PermissionMatrix stored = other.permissions();
        awaitMatrixOf(store, stored);
        assertThat(stored.of(Role.ADMIN)).containsExactlyInAnyOrder(Permission.DASHBOARD_VIEW, Permission.ADMIN_ACCESS);
        assertThat(stored.of(Role.MEMBER)).containsExactly(Permission.TASKS_VIEW);
        assertThat(stored.of(Role.SUPER_ADMIN))
                .containsExactlyInAnyOrder(Permission.ADMIN_ACCESS, Permission.ADMIN_GLOBAL);
    }

    /**
     * The staleness bound of {@link Store#permissions}: this instance's own change is read back at once, another
     * instance's within {@link #MATRIX_FROM_ANOTHER_INSTANCE}, and once seen it never flips back.
     */
    @Test
    void theMatrixReadOnEveryDecisionIsNeverStaleWhoeverChangesIt() {
        // Read more often than a store has connections first, so that any per-connection cache holds a matrix.
        for (int i = 0; i < 8; i++) {
            assertThat(store.permissions()).isEqualTo(PermissionMatrix.DEFAULT);
        }
        PermissionMatrix noTasks = PermissionMatrix.DEFAULT.withRole(Role.MEMBER, Set.of());
        store.savePermissions(noTasks);
        for (int i = 0; i < 8; i++) {
            assertThat(store.permissions()).as("changed by this store").isEqualTo(noTasks);
        }
        other.savePermissions(PermissionMatrix.DEFAULT);
        awaitMatrixOf(store, PermissionMatrix.DEFAULT);
        for (int i = 0; i < 8; i++) {
            assertThat(store.permissions()).as("changed by another instance").isEqualTo(PermissionMatrix.DEFAULT);
        }
    }

    /**
     * {@link Store#preloadUsers}: what it keeps is what {@link Store#user} reads, at most {@code limit} users, and a
     * change made after it (by this store or another instance) is read as soon as a lookup would see it anyway.
     */
    @Test
    void preloadedUsersAreTheirRowsAndGiveWayToLaterChanges() {
        store.apply(twoTenants());
        List<User> rows = store.allUsers();

        int kept = store.preloadUsers(2);

        // PostgreSQL's listener may drop the cache meanwhile, having seen the apply above: 0 is then right too
        assertThat(kept).isBetween(0, 2);
        for (User row : rows) {
            assertThat(store.user(row.id())).contains(row);
        }
        Instant cut = Instant.parse("2026-02-03T04:05:06Z");
        store.setTokensValidAfter("a1", cut);
        assertThat(store.user("a1").orElseThrow().tokensValidAfter())
                .as("this store's write")
                .isEqualTo(cut);
        other.setTokensValidAfter("a2", cut);
        await().atMost(MATRIX_FROM_ANOTHER_INSTANCE)
                .pollInterval(Duration.ofMillis(5))
                .untilAsserted(() -> assertThat(store.user("a2").orElseThrow().tokensValidAfter())
                        .as("another instance's write")
                        .isEqualTo(cut));
    }

    /** Waits, at most as long as {@link Store#permissions} allows, until {@code target} returns {@code expected}. */
    protected static void awaitMatrixOf(Store target, PermissionMatrix expected) {
        await().atMost(MATRIX_FROM_ANOTHER_INSTANCE)
                .pollInterval(Duration.ofMillis(5))
                .untilAsserted(() -> assertThat(target.permissions())
                        .as("changed by another instance")
                        .isEqualTo(expected));
    }

    @Test
    void revocationsExpireByTheClockAndPruneKeepsTheNewestChanges() {
        other.revoke(new RevokedToken("live", NOW.plusSeconds(60)));
        other.revoke(new RevokedToken("gone", NOW.minusSeconds(1)));
        other.apply(twoTenants());
        long last = store.lastChangeSeq();

        assertThat(store.isRevoked("live")).isTrue();
        assertThat(store.isRevoked("gone")).isFalse();
        assertThat(store.isRevoked("never")).isFalse();

        store.prune(NOW, 3);

        assertThat(store.changesSince(0, 100)).hasSize(3);
        assertThat(store.lastChangeSeq()).isGreaterThan(last);
        assertThat(store.isRevoked("live")).isTrue();
        store.prune(NOW.plusSeconds(120), 0);
        assertThat(store.isRevoked("live")).isFalse();
        assertThat(store.changesSince(0, 100)).isEmpty();
        assertThat(store.lastChangeSeq()).isGreaterThan(last);
    }

    @Test
    void aWriteThroughAnotherInstanceIsVisibleInTheChangeLog() {
        assertThat(store.lastChangeSeq()).isZero();

        other.apply(twoTenants());

        List<Change> changes = store.changesSince(0, 1000);
        assertThat(changes)
                .extracting(Change::kind)
                .contains(ChangeKind.TENANT, ChangeKind.USER, ChangeKind.PROJECT, ChangeKind.TASK);
        assertThat(changes).contains(new Change(changes.get(0).seq(), ChangeKind.TENANT, "a"));
        assertThat(changes).extracting(Change::seq).isSorted().doesNotHaveDuplicates();
        assertThat(store.lastChangeSeq())
                .isEqualTo(changes.get(changes.size() - 1).seq());
        assertThat(store.user("b1")).isPresent();
    }

    @Test
    void eachKindOfWriteIsRecordedWithItsEntity() {
        other.apply(twoTenants());
        long seq = store.lastChangeSeq();

        other.setTokensValidAfter("a1", NOW);
        other.apply(StoreFixtures.upserts(
                List.of(), List.of(), List.of(new Project("ap1", "a", "Tower", List.of("a1"))), List.of()));
        other.saveTask(new Task("at2", "a", "ap1", "Cure", "open", null));
        other.savePermissions(PermissionMatrix.DEFAULT.withRole(Role.CLIENT, Set.of(Permission.DASHBOARD_VIEW)));
        other.revoke(new RevokedToken("jti-1", NOW.plusSeconds(60)));

        assertThat(store.changesSince(seq, 100))
                .extracting(c -> c.kind().dbName() + ":" + c.entityId())
                .containsSubsequence("user:a1", "project:ap1", "task:at2", "role:client", "revoked:jti-1")
                .doesNotContain("role:admin");
    }

    @Test
    void anUpsertThatChangesNothingRecordsNothing() {
        other.apply(twoTenants());
        long seq = store.lastChangeSeq();

        other.apply(twoTenants());
        other.savePermissions(PermissionMatrix.DEFAULT);

        assertThat(store.lastChangeSeq()).isEqualTo(seq);
    }

    @Test
    void aDeletionRecordsTheCascadedRowsToo() {
        other.apply(twoTenants());
        long seq = store.lastChangeSeq();

        other.apply(deletions(new ChangeSet.Deletions(List.of(), List.of("a2"), List.of(), List.of())));

        assertThat(store.changesSince(seq, 100))
                .extracting(c -> c.kind().dbName() + ":" + c.entityId())
                .contains("user:a2", "project:ap1", "task:at1");
    }

    @Test
    void concurrentWritersAndReadersOnTwoInstancesAllSucceed() throws Exception {
        other.apply(twoTenants());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                int n = i;
                Store target = n % 2 == 0 ? store : other;
                futures.add(pool.submit(() -> target.saveTask(new Task("c" + n, "a", "ap1", "T", "open", null))));
                futures.add(pool.submit(() -> target.tasks("a")));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.tasks("a")).hasSize(62);
    }

    /**
     * The no-gap rule of the change feed, as a server relies on it: a poller that only remembers the last seq it
     * was given, paging while both instances commit small transactions from several threads, ends up having seen
     * exactly the whole log, in strictly rising order. A store that numbers changes before they commit (a bare
     * PostgreSQL sequence) lets the poller step over a late commit, and fails here.
     */
    @Test
    void aPollerThatRemembersOnlyTheLastSeqMissesNoChangeWhileTwoInstancesWrite() throws Exception {
        store.apply(twoTenants());
        int writers = 4;
        int writesEach = 50;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        try {
            AtomicBoolean isWriting = new AtomicBoolean(true);
            Future<List<Change>> polled = pool.submit(() -> pollUntilQuiet(isWriting));
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> writes = new ArrayList<>();
            for (int t = 0; t < writers; t++) {
                Store target = t % 2 == 0 ? store : other;
                String prefix = "w" + t + "-";
                writes.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < writesEach; i++) {
                        target.saveTask(new Task(prefix + i, "a", "ap1", "T", "open", null));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> write : writes) {
                write.get();
            }
            isWriting.set(false);

            List<Change> seen = polled.get();
            assertThat(seen)
                    .extracting(Change::seq)
                    .as("strictly rising")
                    .isSorted()
                    .doesNotHaveDuplicates();
            assertThat(seen).as("nothing skipped").containsExactlyElementsOf(store.changesSince(0, Integer.MAX_VALUE));
            assertThat(seen)
                    .filteredOn(c -> c.entityId().startsWith("w"))
                    .hasSize(writers * writesEach)
                    .allMatch(c -> c.kind() == ChangeKind.TASK);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Pages through the feed from the start in small pages until a page read after the writers ended is empty. */
    private List<Change> pollUntilQuiet(AtomicBoolean isWriting) {
        List<Change> seen = new ArrayList<>();
        long last = 0;
        while (true) {
            boolean wasWriting = isWriting.get();
            List<Change> page = store.changesSince(last, 7);
            seen.addAll(page);
            if (!page.isEmpty()) {
                last = page.get(page.size() - 1).seq();
            } else if (!wasWriting) {
                return seen;
            } else {
                LockSupport.parkNanos(100_000); // a poll interval, short so that pages interleave with commits
            }
        }
    }
}
