package dev.zena.realtime.store;

import static dev.zena.realtime.store.StoreFixtures.twoTenants;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import dev.zena.realtime.testing.LogCapture;
import dev.zena.realtime.testing.TestPostgres;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL store under the store contract — each test on a new database of the shared test server, the
 * other instance a second {@link PostgresStore} on it, as another node or command opens it — plus what is its
 * own: the wake-up, the matrix kept in memory, a feed that writers outside the store cannot break, pruning across
 * the sequence's holes, failing fast while the server is down, and credentials that never leak.
 */
class PostgresStoreTest extends StoreContract {

    private String url;

    @Override
    protected Store openStore(Clock clock) {
        url = TestPostgres.shared().createDatabase();
        return PostgresStore.open(url, null, null, clock);
    }

    @Override
    protected Store openOtherInstance(Clock clock) {
        return PostgresStore.open(url, null, null, clock);
    }

    @Test
    void aWriteThroughAnotherInstanceWakesTheCallbackWithinASecond() {
        AtomicInteger wakes = new AtomicInteger();
        store.onChange(wakes::incrementAndGet);
        assertThat(wakes).as("nothing written yet").hasValue(0);

        other.revoke(new RevokedToken("jti-1", NOW.plusSeconds(60)));

        await().atMost(Duration.ofSeconds(1)).until(() -> wakes.get() > 0);
        assertThat(store.changesSince(0, 10)).extracting(Change::entityId).containsExactly("jti-1");
    }

    /**
     * While the matrix table is locked against every read, decisions still get the matrix: it comes from memory.
     * A change of another kind (a revocation, seen by the listener) does not invalidate it.
     */
    @Test
    void decisionsReadTheMatrixFromMemoryAndOtherKindsOfChangeKeepIt() throws Exception {
        assertThat(store.permissions()).isEqualTo(PermissionMatrix.DEFAULT);
        AtomicInteger wakes = new AtomicInteger();
        store.onChange(wakes::incrementAndGet);
        other.revoke(new RevokedToken("jti-1", NOW.plusSeconds(60)));
        await().atMost(Duration.ofSeconds(1)).until(() -> wakes.get() > 0);

        try (Connection locker = TestPostgres.shared().connect(url);
                Statement statement = locker.createStatement()) {
            locker.setAutoCommit(false);
            statement.execute("LOCK TABLE role_permissions IN ACCESS EXCLUSIVE MODE");
            CompletableFuture<List<PermissionMatrix>> decisions = CompletableFuture.supplyAsync(() -> {
                List<PermissionMatrix> read = new ArrayList<>();
                for (int i = 0; i < 1_000; i++) {
                    read.add(store.permissions());
                }
                return read;
            });
            assertThat(decisions.get(5, TimeUnit.SECONDS)).containsOnly(PermissionMatrix.DEFAULT);
            locker.rollback();
        }
    }

    /**
     * While the tenants and tasks tables are locked against every read, a publish still finds its tenant and task:
     * they come from memory. Another node's change is read back within the listener's second, this node's own at
     * once, and an absent row is kept as absent until a change.
     */
    @Test
    void rowsComeFromMemoryUntilAChange() throws Exception {
        AtomicInteger wakes = new AtomicInteger();
        store.onChange(wakes::incrementAndGet);
        store.apply(twoTenants());
        await().atMost(Duration.ofSeconds(1)).until(() -> wakes.get() > 0); // the listener saw it too
        assertThat(store.tenant("a")).map(Tenant::name).contains("Tenant a");
        assertThat(store.tenant("z")).isEmpty();
        try (Connection locker = TestPostgres.shared().connect(url);
                Statement statement = locker.createStatement()) {
            locker.setAutoCommit(false);
            statement.execute("LOCK TABLE tenants IN ACCESS EXCLUSIVE MODE");
            CompletableFuture<List<Optional<Tenant>>> reads = CompletableFuture.supplyAsync(() -> {
                List<Optional<Tenant>> read = new ArrayList<>();
                for (int i = 0; i < 1_000; i++) {
                    read.add(store.tenant(i % 2 == 0 ? "a" : "z"));
                }
                return read;
            });
            assertThat(reads.get(5, TimeUnit.SECONDS))
                    .containsOnly(Optional.of(new Tenant("a", "Tenant a")), Optional.empty());
            locker.rollback();
        }

        other.apply(StoreFixtures.upserts(
                List.of(new Tenant("a", "Renamed on the other node"), StoreFixtures.tenant("z")),
                List.of(),
                List.of(),
                List.of()));
        await().atMost(Duration.ofSeconds(1))
                .until(() -> store.tenant("a").map(Tenant::name).orElse("").equals("Renamed on the other node"));
        assertThat(store.tenant("z")).as("no longer absent").isPresent();

        store.apply(StoreFixtures.upserts(List.of(new Tenant("a", "Renamed here")), List.of(), List.of(), List.of()));
        assertThat(store.tenant("a")).map(Tenant::name).contains("Renamed here");
    }

    /**
     * A writer that does not go through the store (psql, another program) is numbered under the same lock by the
     * triggers: while it has not committed, the store's writer waits, and the feed shows both in commit order.
     */
    @Test
    void aWriterOutsideTheStoreHoldsTheFeedUntilItCommits() throws Exception {
        store.apply(twoTenants());
        long last = store.lastChangeSeq();
        try (Connection outsider = TestPostgres.shared().connect(url);
                Statement statement = outsider.createStatement()) {
            outsider.setAutoCommit(false);
            statement.executeUpdate("INSERT INTO tenants (id, name) VALUES ('raw', 'Written by hand')");
            CompletableFuture<Void> storeWrite =
                    CompletableFuture.runAsync(() -> other.saveTask(new Task("late", "a", "ap1", "T", "open", null)));
            await().atMost(Duration.ofSeconds(5)).until(() -> waitingForAdvisoryLocks(outsider) == 1);

            assertThat(store.changesSince(last, 10)).as("nothing committed yet").isEmpty();
            assertThat(store.lastChangeSeq()).isEqualTo(last);
            outsider.commit();
            storeWrite.get(5, TimeUnit.SECONDS);
        }

        assertThat(store.changesSince(last, 10))
                .extracting(c -> c.kind().dbName() + ":" + c.entityId())
                .containsExactly("tenant:raw", "task:late");
    }

    /** A rolled-back write leaves a hole in the sequence; pruning still keeps exactly the newest rows. */
    @Test
    void pruneCountsRowsAcrossHolesInTheSequence() {
        store.apply(twoTenants());
        Change lastOfBatch = store.changesSince(store.lastChangeSeq() - 1, 1).get(0);
        ChangeSet broken = StoreFixtures.upserts(
                List.of(StoreFixtures.tenant("c")),
                List.of(),
                List.of(),
                List.of(new Task("ct1", "c", "no-such-project", "x", "open", null)));
        assertThatThrownBy(() -> store.apply(broken)).isInstanceOf(StoreException.class);
        other.revoke(new RevokedToken("jti-1", NOW.plusSeconds(60)));
        Change revoked = store.changesSince(lastOfBatch.seq(), 10).get(0);
        assertThat(revoked.seq()).as("a hole where the rolled-back change was").isGreaterThan(lastOfBatch.seq() + 1);

        store.prune(NOW, 2);

        assertThat(store.changesSince(0, 100)).containsExactly(lastOfBatch, revoked);
        assertThat(store.lastChangeSeq()).isEqualTo(revoked.seq());
    }

    @Test
    void callsFailFastWhileTheServerIsDownAndWorkAgainWhenItIsBack() {
        TestPostgres server = TestPostgres.startPrivate();
        String privateUrl = server.createDatabase();
        try (Store node = PostgresStore.open(privateUrl, null, null, clock)) {
            AtomicInteger wakes = new AtomicInteger();
            node.onChange(wakes::incrementAndGet);
            node.apply(twoTenants());
            assertThat(node.isWatchingChanges())
                    .as("listening: readers may poll rarely")
                    .isTrue();
            server.stop();

            // Pooled connections the server cut fail at once (and leave the pool); then a call waits for a new
            // connection, which the pool gives up on after 2 s.
            StoreException failure;
            do {
                long start = System.nanoTime();
                failure = catchThrowableOfType(StoreException.class, node::tenants);
                assertThat(failure).hasMessageStartingWith("cannot reach the database " + serverUrl(server));
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            } while (!(failure.getCause() instanceof SQLTransientConnectionException));
            assertThat(node.isReachable()).isFalse();
            await().atMost(Duration.ofMillis(PostgresChangeListener.CHECK_INTERVAL_MILLIS + 2_000))
                    .alias("no listener, no wake-ups: readers poll at their full rate")
                    .until(() -> !node.isWatchingChanges());
            wakes.set(0); // the wake-ups of the write above are counted by now; from here on only a reconnect wakes

            server.start();
            await().atMost(Duration.ofSeconds(10)).until(node::isReachable);
            assertThat(node.tenants()).extracting(Tenant::id).containsExactly("a", "b");
            await().atMost(Duration.ofMillis(PostgresChangeListener.MAX_BACKOFF_MILLIS + 2_000))
                    .alias("the listener is back and says changes may have been missed")
                    .until(() -> wakes.get() > 0);
            assertThat(node.isWatchingChanges()).isTrue();
            wakes.set(0);
            try (Store otherNode = PostgresStore.open(privateUrl, null, null, clock)) {
                otherNode.savePermissions(PermissionMatrix.DEFAULT.withRole(Role.CLIENT, Set.of()));
                // That the listener listens again is what this case checks; how soon a change wakes a node (1 s) is
                // the first two cases' deadline, which a machine still busy with the restart should not decide.
                await().atMost(Duration.ofSeconds(5)).until(() -> wakes.get() > 0);
                awaitMatrixOf(node, otherNode.permissions());
            }
        } finally {
            server.stop();
        }
    }

    @Test
    void credentialsNeverAppearInErrorsOrLogs() {
        TestPostgres server = TestPostgres.shared();
        String password = secret();
        String wrong = secret();
        String role = server.createRole(password);
        String db = server.createDatabase(role);
        Map<String, Level> levels = Map.of(
                "com.zaxxer.hikari", Level.DEBUG, "org.flywaydb", Level.DEBUG, "dev.zena.realtime.store", Level.DEBUG);
        Map<String, Level> before = setLevels(levels);
        try (LogCapture logs = LogCapture.start()) {
            try (Store fromSettings = Stores.open(db, role, password, clock)) {
                fromSettings.apply(twoTenants());
            }
            try (Store fromUrl = Stores.open(db + "?user=" + role + "&password=" + password, null, null, clock)) {
                assertThat(fromUrl.tenants()).hasSize(2);
            }
            for (String[] attempt : List.of(new String[] {db, wrong}, new String[] {db + "?password=" + wrong, null})) {
                assertThatThrownBy(() -> Stores.open(attempt[0], role, attempt[1], clock))
                        .isInstanceOf(StoreException.class)
                        .hasMessageContaining("password authentication failed")
                        .satisfies(e -> assertThat(messagesOf(e)).noneMatch(m -> m.contains(wrong)));
            }

            assertThat(logs.messages())
                    .isNotEmpty()
                    .noneMatch(m -> m.contains(password))
                    .noneMatch(m -> m.contains(wrong));
        } finally {
            setLevels(before);
        }
    }

    private static String serverUrl(TestPostgres server) {
        return "jdbc:postgresql://127.0.0.1:" + server.port() + "/";
    }

    private static int waitingForAdvisoryLocks(Connection c) throws SQLException {
        try (Statement statement = c.createStatement();
                ResultSet rs = statement.executeQuery(
                        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String secret() {
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        return "pw-" + HexFormat.of().formatHex(random);
    }

    private static List<String> messagesOf(Throwable e) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
            for (Throwable suppressed : t.getSuppressed()) {
                messages.add(String.valueOf(suppressed.getMessage()));
            }
        }
        return messages;
    }

    /** Sets logback levels by logger name; returns the previous ones (null = inherited). */
    private static Map<String, Level> setLevels(Map<String, Level> levels) {
        Map<String, Level> previous = new HashMap<>();
        levels.forEach((name, level) -> {
            ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(name);
            previous.put(name, logger.getLevel());
            logger.setLevel(level);
        });
        return previous;
    }
}
