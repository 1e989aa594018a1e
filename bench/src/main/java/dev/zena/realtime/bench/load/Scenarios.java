package dev.zena.realtime.bench.load;

import com.auth0.jwt.algorithms.Algorithm;
import dev.zena.realtime.bench.Options;
import dev.zena.realtime.bench.client.JettyTransport;
import dev.zena.realtime.bench.client.NioTransport;
import dev.zena.realtime.bench.client.Transport;
import dev.zena.realtime.bench.probe.HeapProbe;
import dev.zena.realtime.bench.probe.Machine;
import dev.zena.realtime.bench.probe.ProcStat;
import org.HdrHistogram.Histogram;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The load scenarios of issue 7, each against one target: (a) capacity, (b) fan-out, (d) connection storm.
 * Each returns one target's result: flat {@code metrics} (numbers, units in the key) plus details.
 */
public final class Scenarios {

    private final Options options;
    private final Target target;
    private final String secret;
    private final Map<String, Object> metrics = new LinkedHashMap<>();
    private final Map<String, Object> details = new LinkedHashMap<>();

    public Scenarios(Options options) {
        this.options = options;
        this.target = new Target(options.text("target", "zena"), options.text("host", "127.0.0.1"),
                options.integer("port", 8080), options.text("ws-path", "/ws"),
                Dialect.valueOf(options.text("dialect", "zena").toUpperCase(Locale.ROOT)),
                options.number("server-pid", -1), Boolean.parseBoolean(options.text("server-java", "true")));
        String env = options.text("secret-env", "WEBSOCKET_JWT_SECRET");
        this.secret = System.getenv(env);
        if (secret == null || secret.length() < 32) {
            throw new IllegalArgumentException("environment variable " + env + " must hold the server's JWT secret");
        }
    }

    /** Runs {@code scenario} and returns the report of this target. */
    public Map<String, Object> run(String scenario) {
        String clientName = options.text("client", "nio");
        int threads = options.integer("client-threads", 1);
        Instant startedAt = Instant.now();
        try (Transport transport = clientName.equals("jetty") ? new JettyTransport(threads) : new NioTransport(threads)) {
            switch (scenario) {
                case "fanout" -> fanout(transport);
                case "capacity" -> capacity(transport);
                case "storm" -> storm(transport);
                default -> throw new IllegalArgumentException("unknown scenario " + scenario);
            }
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("scenario", scenario);
        report.put("target", target.name());
        report.put("started_at", startedAt.toString());
        report.put("machine", Machine.describe());
        report.put("server_command_line", Machine.commandLine(target.pid()));
        report.put("settings", options.used());
        report.put("metrics", metrics);
        report.put("details", details);
        return report;
    }

    /** The server key to publish with: only for our server, when run.sh exported BENCH_PUBLISH_KEY/SECRET. */
    private String publishKeyOrNull() {
        String key = System.getenv("BENCH_PUBLISH_KEY");
        boolean isOurs = "zena".equals(target.name());
        return isOurs && key != null && !key.isEmpty() && System.getenv("BENCH_PUBLISH_SECRET") != null ? key : null;
    }

    private void fanout(Transport transport) {
        int n = options.integer("subscribers", 1000);
        double rate = options.decimal("rate", 0);
        double warmup = options.decimal("warmup", 2);
        double duration = options.decimal("duration", 10);
        int window = options.integer("window", 4);
        Tally tally = new Tally();
        Fleet fleet = new Fleet(transport, target, tally);
        String[] channel = {BenchData.channel(1)};
        Fleet.Opened opened = openFleet(fleet, n, i -> channel);
        Publisher publisher = new Publisher("http://" + target.host() + ":" + target.port(),
                BenchData.token(Algorithm.HMAC256(secret), BenchData.PUBLISHER), Math.max(window, 1),
                publishKeyOrNull(), publishKeyOrNull() == null ? null : System.getenv("BENCH_PUBLISH_SECRET"));
        details.put("publish_path", publisher.isBroadcast() ? "POST /api/v1/broadcast (signed)"
                : "PATCH /api/v1/app/tasks/{id}");
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmup * 1e9);
        long end = measureFrom + (long) (duration * 1e9);
        long ready = opened.ready();
        Thread pub = new Thread(() -> publisher.run(end, rate, () -> 1, window, tally::distinct, ready), "publisher");
        pub.start();
        sleepUntil(measureFrom);
        tally.recordLatencyFrom(System.nanoTime());
        Sample before = Sample.take(target, tally);
        sleepUntil(end);
        Sample after = Sample.take(target, tally);
        Histogram latency = tally.takeLatency();
        join(pub);
        settle(tally);
        long deliveries = after.events - before.events;
        double seconds = (after.nanos - before.nanos) / 1e9;
        metrics.put("subscribers_ready", ready);
        metrics.put("publish_rate_per_s", rate);
        metrics.put("publishes_accepted", publisher.accepted());
        metrics.put("publishes_refused", publisher.refused());
        metrics.put("deliveries_per_s", round(deliveries / seconds));
        putLatency(latency);
        metrics.put("lost", fleet.lost(publisher.accepted()));
        metrics.put("duplicates", tally.duplicates());
        metrics.put("reordered", tally.reordered());
        metrics.put("offset_gaps_unfilled", fleet.openGaps());
        putCpu(before, after, deliveries, "delivery");
        metrics.put("server_rss_mib", round(after.rssKiB / 1024.0));
        details.put("closes", tally.closes());
        details.put("failures", tally.failures());
        fleet.closeAll();
    }

    private void capacity(Transport transport) {
        int n = options.integer("connections", 1000);
        int channels = options.integer("channels", 1);
        double hold = options.decimal("hold", 5);
        long heapBefore = target.isJava() ? HeapProbe.liveHeapKiB(target.pid()) : -1;
        long rssBefore = ProcStat.rssKiB(String.valueOf(target.pid()));
        Tally tally = new Tally();
        Fleet fleet = new Fleet(transport, target, tally);
        openFleet(fleet, n, i -> new String[] {BenchData.channel(1 + i % channels)});
        sleepUntil(System.nanoTime() + (long) (hold * 1e9));
        long ready = fleet.readyCount();
        long heapAfter = target.isJava() ? HeapProbe.liveHeapKiB(target.pid()) : -1;
        long rssAfter = ProcStat.rssKiB(String.valueOf(target.pid()));
        metrics.put("connections_ready", ready);
        metrics.put("server_rss_mib_before", round(rssBefore / 1024.0));
        metrics.put("server_rss_mib_after", round(rssAfter / 1024.0));
        metrics.put("server_rss_kib_per_connection", ready > 0 ? round((rssAfter - rssBefore) / (double) ready) : 0);
        if (heapBefore >= 0 && heapAfter >= 0) {
            metrics.put("server_live_heap_mib_before", round(heapBefore / 1024.0));
            metrics.put("server_live_heap_mib_after", round(heapAfter / 1024.0));
            metrics.put("server_heap_kib_per_connection", ready > 0 ? round((heapAfter - heapBefore) / (double) ready) : 0);
        }
        details.put("closes", tally.closes());
        details.put("failures", tally.failures());
        fleet.closeAll();
    }

    private void storm(Transport transport) {
        int n = options.integer("connections", 1000);
        int warm = options.integer("warm-connections", Math.min(n, 200));
        int waves = options.integer("warm-waves", 1);
        for (int wave = 0; warm > 0 && wave < waves; wave++) {
            // Warm-up waves, closed again, so that the measured wave meets a JIT-compiled server.
            Fleet first = new Fleet(transport, target, new Tally());
            first.open(warm, warm, options.integer("connect-window", 200), options.integer("sources", 1), secret,
                    i -> new String[] {BenchData.channel(1)}, 30_000_000_000L);
            first.closeAll();
            sleepUntil(System.nanoTime() + 1_000_000_000L);
        }
        Tally tally = new Tally();
        Fleet fleet = new Fleet(transport, target, tally);
        Sample before = Sample.take(target, tally);
        openFleet(fleet, n, i -> new String[] {BenchData.channel(1)});
        Sample after = Sample.take(target, tally);
        putCpu(before, after, tally.ready(), "connection");
        details.put("closes", tally.closes());
        details.put("failures", tally.failures());
        fleet.closeAll();
    }

    private Fleet.Opened openFleet(Fleet fleet, int n, java.util.function.IntFunction<String[]> channelsOf) {
        Fleet.Opened opened = fleet.open(n, options.integer("users", n), options.integer("connect-window", 200),
                options.integer("sources", 1), secret, channelsOf,
                (long) (options.decimal("connect-timeout", 60) * 1e9));
        metrics.put("connections_requested", n);
        metrics.put("connections_failed", opened.failed());
        metrics.put("connect_auth_subscribe_per_s", round(opened.ratePerSecond()));
        metrics.put("connect_seconds", round(opened.seconds()));
        return opened;
    }

    private void putLatency(Histogram h) {
        metrics.put("latency_samples", h.getTotalCount());
        metrics.put("latency_p50_ms", round(h.getValueAtPercentile(50) / 1000.0));
        metrics.put("latency_p99_ms", round(h.getValueAtPercentile(99) / 1000.0));
        metrics.put("latency_p999_ms", round(h.getValueAtPercentile(99.9) / 1000.0));
        metrics.put("latency_max_ms", round(h.getMaxValue() / 1000.0));
    }

    private void putCpu(Sample before, Sample after, long units, String unit) {
        double server = after.serverCpu - before.serverCpu;
        double generator = after.generatorCpu - before.generatorCpu;
        double wall = (after.nanos - before.nanos) / 1e9;
        metrics.put("server_cpu_s", round(server));
        metrics.put("server_cpu_share_of_one_core", round(server / wall));
        metrics.put("generator_cpu_s", round(generator));
        metrics.put("generator_cpu_share_of_one_core", round(generator / wall));
        if (units > 0) {
            metrics.put("server_cpu_us_per_" + unit, round(server * 1e6 / units));
            metrics.put("generator_cpu_us_per_" + unit, round(generator * 1e6 / units));
        }
    }

    /** Waits until no event has arrived for 500 ms (at most 5 s), so that late deliveries are not counted lost. */
    private static void settle(Tally tally) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        long last = -1;
        while (System.nanoTime() < deadline) {
            long now = tally.events();
            if (now == last) {
                return;
            }
            last = now;
            LockSupport.parkNanos(500_000_000L);
        }
    }

    private static void sleepUntil(long nanos) {
        long wait;
        while ((wait = nanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /** Counters and /proc readings at one instant. */
    private record Sample(long nanos, long events, double serverCpu, double generatorCpu, long rssKiB) {
        static Sample take(Target target, Tally tally) {
            String pid = String.valueOf(target.pid());
            return new Sample(System.nanoTime(), tally.events(), ProcStat.cpuSeconds(pid),
                    ProcStat.cpuSeconds("self"), ProcStat.rssKiB(pid));
        }
    }
}
