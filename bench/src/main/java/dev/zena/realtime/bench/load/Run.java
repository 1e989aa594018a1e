package dev.zena.realtime.bench.load;

import com.auth0.jwt.algorithms.Algorithm;
import dev.zena.realtime.bench.Options;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * What every scenario shares: its options, the target, the server's JWT secret, the report being filled (flat
 * {@code metrics}, units in the key, plus {@code details}), and the helpers that open connections, publish and
 * measure a window.
 */
final class Run {

    final Options options;
    final Target target;
    final String secret;
    private final String publishKey;
    private final String publishSecret;
    final Map<String, Object> metrics = new LinkedHashMap<>();
    final Map<String, Object> details = new LinkedHashMap<>();

    Run(Options options, Target target, String secret) {
        this(options, target, secret, System.getenv("BENCH_PUBLISH_KEY"), System.getenv("BENCH_PUBLISH_SECRET"));
    }

    /** With the server key to publish with given here rather than read from run.sh's environment (tests). */
    Run(Options options, Target target, String secret, String publishKey, String publishSecret) {
        this.options = options;
        this.target = target;
        this.secret = secret;
        this.publishKey = publishKey;
        this.publishSecret = publishSecret;
    }

    /** Opens {@code n} authenticated subscribed connections and reports how fast that went. */
    Fleet.Opened openFleet(Fleet fleet, int n, IntFunction<String[]> channelsOf) {
        if (target.dialect() == Dialect.PUSHER && !fleet.hasPusherAuth()) {
            fleet.pusherAuth(pusherAuth());
        }
        Fleet.Opened opened = fleet.open(
                n,
                options.integer("users", n),
                options.integer("connect-window", 200),
                options.integer("sources", 1),
                secret,
                channelsOf,
                (long) (options.decimal("connect-timeout", 60) * 1e9));
        metrics.put("connections_requested", n);
        metrics.put("connections_failed", opened.failed());
        metrics.put("connect_auth_subscribe_per_s", round(opened.ratePerSecond()));
        metrics.put("connect_seconds", round(opened.seconds()));
        return opened;
    }

    /**
     * Where Pusher connections get {@code auth}: {@code --pusher-auth endpoint} (default) asks the target's own
     * {@code POST /broadcasting/auth} with each connection's token (ours, SPEC §12); {@code local} signs with the app
     * key and secret here (a peer such as Soketi, which trusts what the app's own endpoint signed).
     */
    PusherAuth pusherAuth() {
        String mode = options.text("pusher-auth", "endpoint");
        details.put("pusher_auth", mode);
        return switch (mode) {
            case "endpoint" -> PusherAuth.endpoint(baseUrl());
            case "local" -> PusherAuth.local(options.text("pusher-key", null), pusherSecret());
            default -> throw new IllegalArgumentException("--pusher-auth is endpoint or local, not " + mode);
        };
    }

    /** The Pusher app secret: {@code --pusher-secret} (tests) or run.sh's {@code BENCH_PUSHER_SECRET}. */
    private String pusherSecret() {
        return options.text("pusher-secret", System.getenv("BENCH_PUSHER_SECRET"));
    }

    /**
     * The publisher of the fan-out scenarios: for a Pusher target, the Pusher HTTP API with the app id, key and
     * secret ({@code --pusher-app-id}, {@code --pusher-key}, {@link #pusherSecret()}); ours through the signed
     * broadcast when run.sh exported a server key, otherwise (the peers) the app API's PATCH as {@code bench-pub}.
     * Records which in the details.
     */
    Publisher publisher(int window) {
        return publisherAt(baseUrl(), window);
    }

    /** {@link #publisher(int)}, to another server of the same kind at {@code baseUrl} (the paired cluster run). */
    Publisher publisherAt(String baseUrl, int window) {
        if (target.dialect() == Dialect.PUSHER) {
            Publisher publisher = new Publisher(baseUrl, "", window)
                    .viaPusherApi(
                            options.text("pusher-app-id", null), options.text("pusher-key", null), pusherSecret());
            details.put("publish_path", "POST /apps/{app_id}/events (Pusher HTTP API, signed)");
            return publisher;
        }
        String key = publishKeyOrNull();
        Publisher publisher = new Publisher(
                baseUrl,
                BenchData.token(Algorithm.HMAC256(secret), BenchData.PUBLISHER),
                window,
                key,
                key == null ? null : publishSecret);
        details.put(
                "publish_path",
                publisher.isBroadcast() ? "POST /api/v1/broadcast (signed)" : "PATCH /api/v1/app/tasks/{id}");
        return publisher;
    }

    String baseUrl() {
        return "http://" + target.host() + ":" + target.port();
    }

    /** The server key to publish with: only for our server, when run.sh exported BENCH_PUBLISH_KEY/SECRET. */
    String publishKeyOrNull() {
        boolean isOurs = "zena".equals(target.name()) || target.name().startsWith("zena-");
        return isOurs && publishKey != null && !publishKey.isEmpty() && publishSecret != null ? publishKey : null;
    }

    /**
     * The measured window of a single-phase scenario: it starts {@code warmup} s from now and lasts {@code duration}
     * s (options, defaults 2 and 10), in {@link System#nanoTime()}.
     */
    Span span() {
        long from = System.nanoTime() + (long) (options.decimal("warmup", 2) * 1e9);
        return new Span(from, from + (long) (options.decimal("duration", 10) * 1e9));
    }

    /** From and to, in {@link System#nanoTime()}. */
    record Span(long from, long to) {}

    /**
     * Waits until {@code fromNanos}, then measures until {@code toNanos}: samples at both ends, the latency of the
     * events published in between, and {@code counters} read at both ends.
     */
    Window measure(Tally tally, long fromNanos, long toNanos, LongSupplier... counters) {
        sleepUntil(fromNanos);
        tally.recordLatencyFrom(System.nanoTime());
        Sample before = Sample.take(target, tally);
        long[] countersBefore = read(counters);
        sleepUntil(toNanos);
        Sample after = Sample.take(target, tally);
        long[] countersAfter = read(counters);
        return new Window(before, after, tally.takeLatency(), countersBefore, countersAfter);
    }

    private static long[] read(LongSupplier[] counters) {
        long[] values = new long[counters.length];
        for (int i = 0; i < counters.length; i++) {
            values[i] = counters[i].getAsLong();
        }
        return values;
    }

    void putLatency(Histogram h) {
        metrics.put("latency_samples", h.getTotalCount());
        metrics.put("latency_p50_ms", ms(h, 50));
        metrics.put("latency_p99_ms", ms(h, 99));
        metrics.put("latency_p999_ms", ms(h, 99.9));
        metrics.put("latency_max_ms", round(h.getMaxValue() / 1000.0));
    }

    /** Server and generator CPU between two samples, in total, as a share of one core and per {@code unit}. */
    void putCpu(Sample before, Sample after, long units, String unit) {
        double server = after.serverCpu() - before.serverCpu();
        double generator = after.generatorCpu() - before.generatorCpu();
        double wall = (after.nanos() - before.nanos()) / 1e9;
        metrics.put("server_cpu_s", round(server));
        metrics.put("server_cpu_share_of_one_core", round(server / wall));
        metrics.put("generator_cpu_s", round(generator));
        metrics.put("generator_cpu_share_of_one_core", round(generator / wall));
        if (units > 0) {
            metrics.put("server_cpu_us_per_" + unit, round(server * 1e6 / units));
            metrics.put("generator_cpu_us_per_" + unit, round(generator * 1e6 / units));
        }
    }

    /** How the connections of {@code tally} were closed or failed, into the details. */
    void putCloses(Tally tally) {
        details.put("closes", tally.closes());
        details.put("failures", tally.failures());
    }

    /** Waits until no event has arrived for 500 ms (at most 5 s), so that late deliveries are not counted lost. */
    static void settle(Tally tally) {
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

    static void sleepUntil(long nanos) {
        long wait;
        while ((wait = nanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    static void join(Thread thread) {
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A percentile of a µs histogram, in ms. */
    static double ms(Histogram h, double percentile) {
        return round(h.getValueAtPercentile(percentile) / 1000.0);
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /** a / b rounded, or 0 when b is 0. */
    static double ratio(double a, double b) {
        return b == 0 ? 0 : round(a / b);
    }

    /** The task number of {@code task.bench-tK} or {@code task.quiet-tK}. */
    static int taskOf(String channel) {
        int t = channel.lastIndexOf("-t");
        return Integer.parseInt(channel.substring(t + 2));
    }
}
