package dev.zena.realtime.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zena.realtime.testing.ServeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chaos with a no-loss checker (issue 18 item 5, SPEC §9 and §11.5–6): real {@code serve} processes on a real Redis
 * and PostgreSQL; a backend publishes events carrying sequence numbers for two tenants while Redis is stopped and
 * started, PostgreSQL restarted, a node SIGKILLed and another SIGTERMed; subscribers of both tenants reconnect to
 * another node with {@code since} and dedup by offset. {@link ChaosLedger} then proves: every publish answered 200
 * reached every subscriber, or a gap notice told it; no duplicate after dedup; no cross-tenant delivery.
 *
 * <p>The short run (in {@code mvn verify}) injects each fault at a fixed round of the sequence and waits only on
 * deadlines. The long run ({@code bench/run.sh chaos}, enabled by {@code -Dchaos.duration=SECONDS}) draws faults
 * at random times from {@code -Dchaos.seed} and replaces every node it stops.
 */
class ChaosTest {

    private static final String ACME = "project.acme-tower";
    private static final String GLOBEX = "project.globex-dam";
    /** Two connections per user of each tenant who may read its channel. */
    private static final List<String[]> SUBSCRIBERS = List.of(
            new String[] {"acme", ACME, "acme-admin"},
            new String[] {"acme", ACME, "acme-pm"},
            new String[] {"acme", ACME, "acme-member"},
            new String[] {"globex", GLOBEX, "globex-admin"},
            new String[] {"globex", GLOBEX, "globex-member"});
    /** A round publishes one event per tenant; the pace is the publishers' rate, not a wait for anything. */
    private static final long PACE_NANOS = Duration.ofMillis(25).toNanos();

    private static final Duration DELIVERY = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final ChaosLedger ledger = new ChaosLedger();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService publishers = Executors.newFixedThreadPool(2);
    private final List<ChaosSubscriber> subscribers = new ArrayList<>();
    private final List<ChaosLedger.Log> logs = new ArrayList<>();
    private ChaosCluster cluster;
    private final Map<String, AtomicInteger> seqs =
            new TreeMap<>(Map.of("acme", new AtomicInteger(), "globex", new AtomicInteger()));

    @AfterEach
    void stop() {
        subscribers.forEach(ChaosSubscriber::close);
        scheduler.shutdownNow();
        publishers.shutdownNow();
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Timeout(300)
    void faultsAtFixedPointsLoseNothingSilentlyRepeatNothingAndLeakNothingAcrossTenants() throws Exception {
        cluster = ChaosCluster.start(dir, 3);
        List<ServeProcess> nodes = cluster.inService();
        subscribeAll();
        CompletableFuture<Integer> drained = null;
        for (int round = 1; round <= 120; round++) {
            switch (round) {
                case 15 -> cluster.stopRedis();
                case 22 -> cluster.startRedis();
                case 40 -> cluster.stopPostgres();
                case 47 -> cluster.startPostgres();
                case 65 -> cluster.kill(nodes.get(2));
                case 85 -> drained = cluster.terminate(nodes.get(1));
                default -> {}
            }
            publishRound();
        }
        assertThat(drained.get()).as("SIGTERM drains and exits 0").isZero();
        ChaosLedger.Verdict verdict = settle();
        assertClean(verdict);
        // the faults bit: Redis away refused publishes (SPEC §11.5), the clients of both stopped nodes moved
        assertThat(verdict.statusCounts().get("acme")).containsKey(503);
        assertThat(verdict.reconnects()).as(verdict.report()).isGreaterThanOrEqualTo(6);
    }

    @Test
    @Timeout(3600)
    @EnabledIfSystemProperty(named = "chaos.duration", matches = "\\d+")
    void randomFaultsForAWhile() throws Exception {
        Duration duration = Duration.ofSeconds(Long.getLong("chaos.duration"));
        long seed = Long.getLong("chaos.seed", 18);
        Random random = new Random(seed);
        cluster = ChaosCluster.start(dir, 3);
        subscribeAll();
        // One publisher per tenant, each on its own thread, so that a fault lands on publishes in flight.
        AtomicBoolean isPublishing = new AtomicBoolean(true);
        List<CompletableFuture<Void>> publishing = List.of(
                CompletableFuture.runAsync(() -> publishWhile(isPublishing, "acme", ACME), publishers),
                CompletableFuture.runAsync(() -> publishWhile(isPublishing, "globex", GLOBEX), publishers));
        List<String> faults = new ArrayList<>();
        List<CompletableFuture<?>> background = new ArrayList<>();
        Instant start = Instant.now();
        Instant end = start.plus(duration);
        Instant nextFault = start.plusSeconds(5 + random.nextInt(10));
        Runnable recover = null;
        Instant recoverAt = null;
        while (Instant.now().isBefore(end)) {
            Instant now = Instant.now();
            if (recover != null && now.isAfter(recoverAt)) {
                recover.run();
                recover = null;
                nextFault = Instant.now().plusSeconds(5 + random.nextInt(10));
            } else if (recover == null && now.isAfter(nextFault)) {
                if (background.stream().anyMatch(t -> !t.isDone())) {
                    nextFault = now.plusSeconds(1); // a node still starts or drains: one fault at a time
                } else {
                    String at = Duration.between(start, now).toSeconds() + " s, seq " + seqs.get("acme") + ": ";
                    long outage = 1000 + random.nextInt(4000);
                    recoverAt = now.plusMillis(outage);
                    recover = inject(random, at, outage, faults, background);
                    nextFault = now.plusSeconds(5 + random.nextInt(10));
                }
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // the fault clock's tick
        }
        isPublishing.set(false);
        for (CompletableFuture<Void> publisher : publishing) {
            publisher.get();
        }
        if (recover != null) {
            recover.run();
        }
        for (CompletableFuture<?> task : background) {
            task.get();
        }
        ChaosLedger.Verdict verdict = settle();
        String report = "chaos run: " + duration.toSeconds() + " s, seed " + seed + ", " + seqs + " publishes, "
                + SUBSCRIBERS.size() * 2 + " subscribers\nfaults:\n  " + String.join("\n  ", faults) + "\n"
                + verdict.report() + "node logs:\n" + cluster.errors();
        String out = System.getProperty("chaos.report");
        if (out != null && !out.isBlank()) {
            Files.writeString(Path.of(out), report);
        }
        System.out.println(report);
        assertClean(verdict);
    }

    /** One random fault now; returns how to end it, or null when it ends by itself (a node replaced). */
    private Runnable inject(
            Random random, String at, long outage, List<String> faults, List<CompletableFuture<?>> background) {
        switch (random.nextInt(4)) {
            case 0 -> {
                faults.add(at + "Redis stopped for " + outage + " ms");
                cluster.stopRedis();
                return cluster::startRedis;
            }
            case 1 -> {
                faults.add(at + "PostgreSQL stopped for " + outage + " ms");
                cluster.stopPostgres();
                return cluster::startPostgres;
            }
            default -> {
                List<ServeProcess> nodes = cluster.inService();
                if (nodes.size() < 2) {
                    return null; // keep one node serving
                }
                ServeProcess victim = nodes.get(random.nextInt(nodes.size()));
                if (random.nextBoolean()) {
                    faults.add(at + victim.name() + " SIGKILLed, replaced");
                    cluster.kill(victim);
                } else {
                    faults.add(at + victim.name() + " SIGTERMed, replaced");
                    background.add(cluster.terminate(victim));
                }
                background.add(cluster.replace());
                return null;
            }
        }
    }

    private void publishWhile(AtomicBoolean isPublishing, String tenant, String channel) {
        while (isPublishing.get()) {
            long until = System.nanoTime() + PACE_NANOS;
            publishNext(tenant, channel);
            LockSupport.parkNanos(Math.max(0, until - System.nanoTime()));
        }
    }

    private void subscribeAll() {
        int first = 0;
        for (String[] who : SUBSCRIBERS) {
            String token = cluster.token(who[2]);
            for (int copy = 1; copy <= 2; copy++) {
                ChaosLedger.Log log = ledger.subscriber(who[2] + "#" + copy, who[0], who[1]);
                ChaosSubscriber subscriber =
                        new ChaosSubscriber(log, token, who[1], first++, cluster::webSockets, scheduler);
                logs.add(log);
                subscribers.add(subscriber);
                subscriber.start();
            }
        }
        awaitUntil(
                () -> subscribers.stream().allMatch(ChaosSubscriber::isSubscribed),
                DELIVERY,
                "every subscriber subscribed");
    }

    private void publishRound() {
        long until = System.nanoTime() + PACE_NANOS;
        publishNext("acme", ACME);
        publishNext("globex", GLOBEX);
        LockSupport.parkNanos(Math.max(0, until - System.nanoTime()));
    }

    /** Publishes {@code tenant}'s next sequence number and records the answer. */
    private int publishNext(String tenant, String channel) {
        int seq = seqs.get(tenant).incrementAndGet();
        int status = cluster.publish(tenant, channel, seq);
        ledger.published(tenant, seq, status);
        return status;
    }

    /** Once the faults are over: a last round that must succeed and reach everyone; then the checker's verdict. */
    private ChaosLedger.Verdict settle() {
        assertThat(publishNext("acme", ACME)).isEqualTo(200);
        assertThat(publishNext("globex", GLOBEX)).isEqualTo(200);
        // not reached by then: the checker below names the subscriber and the events it misses
        isWithin(
                () -> logs.stream()
                        .allMatch(log -> log.hasReceived(seqs.get(log.tenant()).get())),
                DELIVERY);
        ChaosLedger.Verdict verdict = ledger.verdict();
        System.out.println(verdict.report() + "node logs:\n" + cluster.errors());
        return verdict;
    }

    private void assertClean(ChaosLedger.Verdict verdict) {
        assertThat(verdict.isClean())
                .as(() -> verdict.report() + cluster.logs())
                .isTrue();
        assertThat(verdict.kept()).as("the run delivered events").isPositive();
    }

    private void awaitUntil(BooleanSupplier condition, Duration deadline, String what) {
        if (!isWithin(condition, deadline)) {
            throw new AssertionError("not within " + deadline + ": " + what + "\n"
                    + ledger.verdict().report() + cluster.logs());
        }
    }

    private static boolean isWithin(BooleanSupplier condition, Duration deadline) {
        Instant until = Instant.now().plus(deadline);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(until)) {
                return false;
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // a poll interval under a deadline
        }
        return true;
    }
}
