package dev.zena.realtime.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zena.realtime.auth.TokenIssuer;
import dev.zena.realtime.config.ConfigLoader;
import dev.zena.realtime.publish.SignedRequests;
import dev.zena.realtime.soak.ProcessGauge.Sample;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.Stores;
import dev.zena.realtime.store.User;
import dev.zena.realtime.sync.Importer;
import dev.zena.realtime.testing.ServeProcess;
import dev.zena.realtime.testing.TestServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bounded soak (issue 18 item 4): a {@code serve} child process (SQLite, memory broker) under churning
 * connections, subscribes and unsubscribes, signed publishes, revocations through the sync API, an administrator's
 * disconnects and slow consumers,
 * for {@code soak.seconds} (120 in CI; {@code bench/run.sh soak} sets more). Its resident memory, heap after a full
 * GC, live threads and open files are sampled every {@code soak.sample} seconds from outside ({@link ProcessGauge})
 * and their least-squares slopes after the warm-up (the first quarter) reported, to {@code soak.report} when set.
 *
 * <p>A child process, not an in-process {@code TestServer}: /proc then counts the server's threads, files and memory
 * alone, not the test's hundreds of client threads and sockets. Asserted only what cannot flake: every event a
 * client received is accounted for (in order, none missing, none of a channel it does not hold), every steady
 * subscriber saw every published event, each kind of churn happened, and threads and open files do not grow past a
 * generous constant (open files return to the count before any client once all are gone). No figure of time or
 * memory is asserted; those are the report's.
 */
@Timeout(value = 3, unit = TimeUnit.HOURS) // soak.seconds bounds the run; the CI run takes about 3 minutes
class SoakTest {

    private static final Duration START = Duration.ofSeconds(90);
    private static final List<String> STEADY = List.of("acme-admin", "acme-pm", "acme-member", "globex-admin");
    private static final int CHURNERS = 4;
    private static final long THREAD_SLACK = 50;
    private static final long FD_SLACK = 32;

    @TempDir
    Path dir;

    @Test
    void churnRevocationsAndSlowConsumersLeaveTheServerFlatAndEveryEventAccountedFor() throws Exception {
        long seconds = Long.getLong("soak.seconds", 120);
        long sampleSeconds = Long.getLong("soak.sample", 5);
        double warmup = seconds / 4.0;
        Path db = dir.resolve("zena.db");
        Tokens tokens = loadFixture(db);
        try (ServeProcess server = ServeProcess.start(dir, "soak", env(db), START);
                ProcessGauge gauge = ProcessGauge.attach(server.pid())) {
            Sample idle = gauge.sample(0);
            Backend backend = new Backend(server.http("/"));
            Ledger.Book book = new Ledger.Book();
            Actors actors = new Actors(server.ws(), tokens, backend, book);
            List<Session> steady = STEADY.stream().map(actors::steady).toList();

            CountDownLatch failed = new CountDownLatch(1);
            ExecutorService threads = Executors.newCachedThreadPool();
            List<Future<?>> loops = new ArrayList<>();
            for (int i = 0; i < steady.size(); i++) {
                Session session = steady.get(i);
                String user = STEADY.get(i);
                loops.add(threads.submit(guarded(failed, () -> actors.readSteadily(session, user))));
            }
            for (int i = 0; i < CHURNERS; i++) {
                long seed = 18 + i;
                loops.add(threads.submit(guarded(failed, () -> actors.churn(seed))));
            }
            loops.add(threads.submit(guarded(failed, actors::consumeSlowly)));
            loops.add(threads.submit(guarded(failed, actors::consumeSlowly)));
            loops.add(threads.submit(guarded(failed, actors::revokeTokens)));
            loops.add(threads.submit(guarded(failed, actors::revokeMembership)));
            loops.add(threads.submit(guarded(failed, actors::disconnectByAdmin)));

            long started = System.nanoTime();
            List<Sample> samples = new CopyOnWriteArrayList<>();
            ScheduledExecutorService clock = Executors.newScheduledThreadPool(3);
            List<String> small = List.copyOf(Backend.SMALL.keySet());
            int[] turn = {0};
            clock.scheduleAtFixedRate(
                    () -> backend.publishNext(small.get(turn[0]++ % small.size())), 0, 30, TimeUnit.MILLISECONDS);
            clock.scheduleAtFixedRate(() -> backend.publishNext(Backend.BULK), 0, 50, TimeUnit.MILLISECONDS);
            // With -XX:NativeMemoryTracking (bench/run.sh soak), what native memory grew by after the warm-up.
            boolean tracksNative = System.getProperty("zena.serve.jvm", "").contains("NativeMemoryTracking");
            if (tracksNative) {
                clock.schedule(() -> gauge.nativeMemory("baseline"), (long) (warmup * 1000), TimeUnit.MILLISECONDS);
            }
            clock.scheduleAtFixedRate(
                    () -> samples.add(gauge.sample((System.nanoTime() - started) / 1e9)),
                    sampleSeconds,
                    sampleSeconds,
                    TimeUnit.SECONDS);

            boolean isAborted = failed.await(seconds, TimeUnit.SECONDS); // the run itself, cut short by a crash
            clock.shutdown();
            assertThat(clock.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            actors.stop();
            for (Future<?> loop : loops) {
                loop.get(5, TimeUnit.MINUTES); // rethrows what an actor threw
            }
            threads.shutdown();
            assertThat(isAborted).as("an actor failed").isFalse();

            await().atMost(Duration.ofSeconds(30)).until(() -> gauge.openFiles() <= idle.fds() + FD_SLACK);
            Sample quiet = gauge.sample((System.nanoTime() - started) / 1e9);
            String report = SoakReport.render(
                    seconds, warmup, idle, samples, quiet, actors.tally(), book, backend, server.log());
            if (tracksNative) {
                report += "\nNative memory, end of the run against the end of the warm-up (NMT summary.diff):\n"
                        + gauge.nativeMemory("summary.diff scale=KB");
            }
            SoakReport.write(report, System.getProperty("soak.report"));

            assertThat(server.isAlive()).isTrue();
            assertThat(backend.failures()).as("refused publishes or syncs").isEmpty();
            assertThat(book.violations()).as("events not accounted for").isEmpty();
            assertThat(actors.tally())
                    .as("every kind of churn happened")
                    .containsKeys(
                            "subscribes",
                            "unsubscribes",
                            "slow_closed_4009",
                            "revoked_token_4003",
                            "revoked_membership",
                            "admin_disconnect_4010")
                    .doesNotContainKeys("slow_closed_other", "revoked_token_other", "admin_disconnect_other");
            List<Sample> warming =
                    samples.stream().filter(s -> s.seconds() < warmup).toList();
            List<Sample> after =
                    samples.stream().filter(s -> s.seconds() >= warmup).toList();
            assertThat(warming).isNotEmpty();
            assertThat(after).isNotEmpty();
            assertThat(max(after, Sample::threads))
                    .as("live threads after the warm-up")
                    .isLessThanOrEqualTo(max(warming, Sample::threads) + THREAD_SLACK);
            assertThat(quiet.fds()).as("open files once every client left").isLessThanOrEqualTo(idle.fds() + FD_SLACK);
        }
    }

    private static long max(List<Sample> samples, ToLongFunction<Sample> figure) {
        return samples.stream().mapToLong(figure).max().orElseThrow();
    }

    /** Runs {@code loop}, releasing {@code failed} when it throws, so that the run stops at once. */
    private static Callable<Void> guarded(CountDownLatch failed, Runnable loop) {
        return () -> {
            try {
                loop.run();
                return null;
            } catch (RuntimeException | Error e) {
                failed.countDown();
                throw e;
            }
        };
    }

    /** The fixture in a new SQLite file the server will open, and tokens for its users. */
    private static Tokens loadFixture(Path db) throws Exception {
        Map<String, User> users = new HashMap<>();
        try (Store store = Stores.open(db.toString())) {
            new Importer(store).importDocument(TestServer.resource("fixtures/basic.json"), false);
            for (String id :
                    List.of("acme-admin", "acme-pm", "acme-member", "acme-client", "globex-admin", "globex-member")) {
                users.put(id, store.user(id).orElseThrow());
            }
        }
        TokenIssuer issuer = new TokenIssuer(
                ConfigLoader.load(null, Map.of(), Map.of("jwt.secret", TestServer.SECRET, "db", db.toString()))
                        .jwt(),
                Clock.systemUTC());
        return new Tokens(issuer, users);
    }

    /** The node's configuration: every client is 127.0.0.1 and several share a user; a small send queue. */
    private static Map<String, String> env(Path db) {
        Map<String, String> env = new HashMap<>();
        env.put("WEBSOCKET_DB", db.toString());
        env.put("WEBSOCKET_JWT_SECRET", TestServer.SECRET);
        env.put("WEBSOCKET_PUBLISH_KEY", SignedRequests.KEY);
        env.put("WEBSOCKET_PUBLISH_SECRET", SignedRequests.SECRET);
        env.put("WEBSOCKET_WORKERS", "2");
        env.put("WEBSOCKET_LIMITS_HANDSHAKES_PER_IP", "100000");
        env.put("WEBSOCKET_LIMITS_CONNECTIONS_PER_IP", "100000");
        env.put("WEBSOCKET_LIMITS_CONNECTIONS_PER_USER", "1000");
        env.put("WEBSOCKET_LIMITS_CONNECTIONS_PER_TENANT", "1000");
        env.put("WEBSOCKET_LIMITS_REST_PER_USER", "100000"); // the admin's disconnects
        env.put("WEBSOCKET_LIMITS_SEND_QUEUE_BYTES", Long.toString(64 * 1024));
        return env;
    }
}
