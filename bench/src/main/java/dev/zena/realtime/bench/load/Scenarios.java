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
 * The load scenarios of issue 7, each against one target: (a) capacity, (b) fan-out, (c) many channels,
 * (d) connection storm, (e) noisy neighbour.
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
                case "channels" -> channels(transport);
                case "noisy" -> noisy(transport);
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

    /**
     * (c) Many channels: connection i holds channel 1 + i mod {@code channels}; publishes at a fixed total rate pick
     * their channel by Zipf popularity (exponent {@code zipf}, channel 1 the most popular); loss, duplicates and
     * reorders are checked per channel against the publishes accepted for it.
     */
    private void channels(Transport transport) {
        int n = options.integer("connections", 10_000);
        int channelCount = options.integer("channels", 1000);
        double rate = options.decimal("rate", 1000);
        double exponent = options.decimal("zipf", 1.0);
        double warmup = options.decimal("warmup", 2);
        double duration = options.decimal("duration", 10);
        int window = Math.max(options.integer("window", 4), 64);
        Tally tally = new Tally();
        Fleet fleet = new Fleet(transport, target, tally);
        Fleet.Opened opened = openFleet(fleet, n, i -> new String[] {BenchData.channel(1 + i % channelCount)});
        Zipf zipf = new Zipf(channelCount, exponent, 7);
        Publisher publisher = new Publisher("http://" + target.host() + ":" + target.port(),
                BenchData.token(Algorithm.HMAC256(secret), BenchData.PUBLISHER), window,
                publishKeyOrNull(), publishKeyOrNull() == null ? null : System.getenv("BENCH_PUBLISH_SECRET"));
        details.put("publish_path", publisher.isBroadcast() ? "POST /api/v1/broadcast (signed)"
                : "PATCH /api/v1/app/tasks/{id}");
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmup * 1e9);
        long end = measureFrom + (long) (duration * 1e9);
        Thread pub = new Thread(() -> publisher.run(end, rate, zipf::next, window, tally::distinct, 1), "publisher");
        pub.start();
        sleepUntil(measureFrom);
        tally.recordLatencyFrom(System.nanoTime());
        Sample before = Sample.take(target, tally);
        long publishedBefore = publisher.accepted();
        sleepUntil(end);
        Sample after = Sample.take(target, tally);
        long publishedInWindow = publisher.accepted() - publishedBefore;
        Histogram latency = tally.takeLatency();
        join(pub);
        settle(tally);
        long deliveries = after.events - before.events;
        double seconds = (after.nanos - before.nanos) / 1e9;
        ChannelStats stats = fleet.channelStats(channel -> publisher.acceptedFor(taskOf(channel)));
        metrics.put("connections_ready", opened.ready());
        metrics.put("channels", channelCount);
        metrics.put("publish_rate_per_s", rate);
        metrics.put("zipf_exponent", exponent);
        metrics.put("hottest_channel_share", round(zipf.probability(1)));
        metrics.put("publishes_accepted", publisher.accepted());
        metrics.put("publishes_refused", publisher.refused());
        metrics.put("deliveries_per_s", round(deliveries / seconds));
        putLatency(latency);
        stats.summary().forEach(metrics::put);
        putCpu(before, after, deliveries, "delivery");
        if (publishedInWindow > 0) {
            metrics.put("server_cpu_us_per_publish",
                    round((after.serverCpu - before.serverCpu) * 1e6 / publishedInWindow));
        }
        metrics.put("server_rss_mib", round(after.rssKiB / 1024.0));
        details.put("busiest_channels", stats.busiest(5));
        details.put("closes", tally.closes());
        details.put("failures", tally.failures());
        fleet.closeAll();
    }

    /** The task number of {@code task.bench-tK} or {@code task.quiet-tK}. */
    static int taskOf(String channel) {
        int t = channel.lastIndexOf("-t");
        return Integer.parseInt(channel.substring(t + 2));
    }

    /**
     * (e) Noisy neighbour. Tenant {@code quiet} (B): {@code quiet-connections} subscribers over
     * {@code quiet-channels} channels from 127.0.0.1, receiving broadcasts at {@code rate} per second throughout.
     * B's publish→deliver latency is measured for {@code duration} s unloaded, then for {@code duration} s while
     * tenant {@code bench} (A) floods: {@code flood-connections} connections from 127.0.0.2..5 each sending
     * {@code flood-rate} pings per second (reconnecting at once when closed), plus a handshake storm of
     * {@code storm-rate} authenticate-and-close connections per second from 127.0.0.6. A's message limits stay
     * at their defaults; after the flood a second unloaded baseline is taken. The run counts RATE_LIMITED replies, 4008 closes and refused handshakes, and reads
     * {@code /api/metrics/websocket} with an admin token.
     */
    private void noisy(Transport transport) {
        int quiet = options.integer("quiet-connections", 200);
        int quietChannels = options.integer("quiet-channels", 10);
        double rate = options.decimal("rate", 50);
        double warmup = options.decimal("warmup", 2);
        double duration = options.decimal("duration", 10);
        int floodConnections = options.integer("flood-connections", 300);
        int floodRate = options.integer("flood-rate", 100);
        int stormRate = options.integer("storm-rate", 400);
        double floodSettle = options.decimal("flood-settle", 2);
        Algorithm hs256 = Algorithm.HMAC256(secret);
        Tally tally = new Tally();
        Fleet fleet = new Fleet(transport, target, tally);
        String[] quietTokens = new String[quiet];
        for (int i = 0; i < quiet; i++) {
            quietTokens[i] = BenchData.token(hs256, BenchData.quietUser(i), BenchData.QUIET_TENANT);
        }
        java.net.InetSocketAddress bSource = new java.net.InetSocketAddress("127.0.0.1", 0);
        Fleet.Opened opened = fleet.open(quiet, i -> quietTokens[i], options.integer("connect-window", 200),
                i -> bSource, i -> new String[] {BenchData.quietChannel(1 + i % quietChannels)},
                (long) (options.decimal("connect-timeout", 60) * 1e9));
        metrics.put("quiet_connections_ready", opened.ready());
        String key = publishKeyOrNull();
        if (key == null) {
            throw new IllegalStateException("noisy needs the signed broadcast (BENCH_PUBLISH_KEY/SECRET)");
        }
        Publisher publisher = new Publisher("http://" + target.host() + ":" + target.port(),
                BenchData.token(hs256, BenchData.PUBLISHER), 64, key, System.getenv("BENCH_PUBLISH_SECRET"))
                .toTenant(BenchData.QUIET_TENANT, BenchData::quietChannel);
        int[] turn = {0};
        long start = System.nanoTime();
        long unloadedFrom = start + (long) (warmup * 1e9);
        long unloadedEnd = unloadedFrom + (long) (duration * 1e9);
        long floodFrom = unloadedEnd;
        long loadedFrom = floodFrom + (long) (floodSettle * 1e9);
        long loadedEnd = loadedFrom + (long) (duration * 1e9);
        // After the flood: the same settle time, then a second unloaded baseline (A-B-A), so that JIT warm-up
        // or other work on the machine during the first baseline shows up as two baselines that disagree.
        long afterFrom = loadedEnd + (long) ((floodSettle + 0.5) * 1e9);
        long afterEnd = afterFrom + (long) (duration * 1e9);
        Thread pub = new Thread(() -> publisher.run(afterEnd, rate, () -> 1 + (turn[0]++ % quietChannels), 64,
                tally::distinct, 1), "publisher");
        pub.start();

        sleepUntil(unloadedFrom);
        tally.recordLatencyFrom(System.nanoTime());
        Sample before = Sample.take(target, tally);
        sleepUntil(unloadedEnd);
        Sample mid = Sample.take(target, tally);
        Histogram unloaded = tally.takeLatency();
        Map<String, Object> adminBefore = websocketFigures(hs256);

        Flooder.Counts counts = new Flooder.Counts();
        Flooder.Counts stormCounts = new Flooder.Counts();
        java.util.concurrent.atomic.AtomicBoolean flooding = new java.util.concurrent.atomic.AtomicBoolean(true);
        long[] handshakesAtLoadedStart = new long[2];
        try (Transport noisyTransport = new dev.zena.realtime.bench.client.NioTransport(1)) {
            Thread flood = new Thread(() -> flood(noisyTransport, hs256, floodConnections, floodRate, stormRate,
                    counts, stormCounts, flooding), "flood");
            flood.start();
            sleepUntil(loadedFrom);
            tally.recordLatencyFrom(System.nanoTime());
            long framesAtStart = counts.framesSent.sum();
            Sample loadedBefore = Sample.take(target, tally);
            handshakesAtLoadedStart[0] = counts.handshakes.sum() + stormCounts.handshakes.sum();
            sleepUntil(loadedEnd);
            Sample loadedAfter = Sample.take(target, tally);
            Histogram loaded = tally.takeLatency();
            long frames = counts.framesSent.sum() - framesAtStart;
            long handshakes = counts.handshakes.sum() + stormCounts.handshakes.sum() - handshakesAtLoadedStart[0];
            flooding.set(false);
            join(flood);
            Map<String, Object> adminAfter = websocketFigures(hs256);
            sleepUntil(afterFrom);
            tally.recordLatencyFrom(System.nanoTime());
            sleepUntil(afterEnd);
            Histogram recovered = tally.takeLatency();
            join(pub);
            settle(tally);

            double loadedSeconds = (loadedAfter.nanos - loadedBefore.nanos) / 1e9;
            metrics.put("quiet_rate_per_s", rate);
            metrics.put("unloaded_latency_samples", unloaded.getTotalCount());
            metrics.put("unloaded_p50_ms", ms(unloaded, 50));
            metrics.put("unloaded_p99_ms", ms(unloaded, 99));
            metrics.put("unloaded_max_ms", round(unloaded.getMaxValue() / 1000.0));
            metrics.put("flooded_latency_samples", loaded.getTotalCount());
            metrics.put("flooded_p50_ms", ms(loaded, 50));
            metrics.put("flooded_p99_ms", ms(loaded, 99));
            metrics.put("flooded_max_ms", round(loaded.getMaxValue() / 1000.0));
            metrics.put("after_flood_p50_ms", ms(recovered, 50));
            metrics.put("after_flood_p99_ms", ms(recovered, 99));
            metrics.put("p50_ratio_flooded_to_unloaded", ratio(ms(loaded, 50), ms(unloaded, 50)));
            metrics.put("p99_ratio_flooded_to_unloaded", ratio(ms(loaded, 99), ms(unloaded, 99)));
            metrics.put("p99_ratio_flooded_to_after_flood", ratio(ms(loaded, 99), ms(recovered, 99)));
            ChannelStats stats = fleet.channelStats(channel -> publisher.acceptedFor(taskOf(channel)));
            Map<String, Object> summary = stats.summary();
            metrics.put("quiet_publishes_accepted", publisher.accepted());
            metrics.put("quiet_publishes_refused", publisher.refused());
            metrics.put("quiet_lost", summary.get("lost"));
            metrics.put("quiet_duplicates", summary.get("duplicates"));
            metrics.put("quiet_reordered", summary.get("reordered"));
            metrics.put("flood_connections", floodConnections);
            metrics.put("flood_rate_per_connection_per_s", floodRate);
            metrics.put("flood_frames_sent_per_s", round(frames / loadedSeconds));
            metrics.put("flood_frames_sent_total", counts.framesSent.sum());
            metrics.put("flood_rate_limited_replies", counts.rateLimitedReplies.sum());
            metrics.put("flood_pongs", counts.pongs.sum());
            metrics.put("flood_4008_closes", counts.closed(4008));
            metrics.put("flood_handshakes", counts.handshakes.sum());
            metrics.put("storm_rate_per_s", stormRate);
            metrics.put("storm_handshakes", stormCounts.handshakes.sum());
            metrics.put("storm_authenticated", stormCounts.authenticated.sum());
            metrics.put("handshakes_per_s_during_flood", round(handshakes / loadedSeconds));
            double serverUnloaded = (mid.serverCpu - before.serverCpu) / ((mid.nanos - before.nanos) / 1e9);
            double serverLoaded = (loadedAfter.serverCpu - loadedBefore.serverCpu) / loadedSeconds;
            metrics.put("server_cpu_share_unloaded", round(serverUnloaded));
            metrics.put("server_cpu_share_flooded", round(serverLoaded));
            metrics.put("generator_cpu_share_flooded",
                    round((loadedAfter.generatorCpu - loadedBefore.generatorCpu) / loadedSeconds));
            metrics.put("server_rss_mib", round(loadedAfter.rssKiB / 1024.0));
            details.put("flood_closes", counts.closes());
            details.put("flood_failures", counts.failures());
            details.put("flood_other_errors", counts.otherErrors.sum());
            details.put("storm_closes", stormCounts.closes());
            details.put("storm_failures", stormCounts.failures());
            details.put("admin_metrics_before_flood", adminBefore);
            details.put("admin_metrics_after_flood", adminAfter);
            details.put("quiet_closes", tally.closes());
            details.put("quiet_failures", tally.failures());
        }
        fleet.closeAll();
    }

    /** Drives tenant A until {@code flooding} is false; bounded by the caller's timeline. */
    private void flood(Transport noisy, Algorithm hs256, int connections, int rate, int stormRate,
                       Flooder.Counts counts, Flooder.Counts stormCounts,
                       java.util.concurrent.atomic.AtomicBoolean flooding) {
        java.net.InetSocketAddress server = new java.net.InetSocketAddress(target.host(), target.port());
        String path = Dialect.ZENA.handshakePath(target.wsPath());
        String[] tokens = new String[connections + 200];
        for (int u = 0; u < tokens.length; u++) {
            tokens[u] = BenchData.token(hs256, BenchData.user(u));
        }
        java.net.InetSocketAddress[] sources = new java.net.InetSocketAddress[4];
        for (int s = 0; s < sources.length; s++) {
            sources[s] = new java.net.InetSocketAddress("127.0.0." + (2 + s), 0);
        }
        java.net.InetSocketAddress stormSource = new java.net.InetSocketAddress("127.0.0.6", 0);
        Flooder[] flooders = new Flooder[connections];
        java.util.ArrayDeque<Flooder> storm = new java.util.ArrayDeque<>();
        long tick = 10_000_000L;
        double perTick = rate / 100.0;
        double stormPerTick = stormRate / 100.0;
        double owed = 0;
        double stormOwed = 0;
        int stormUser = 0;
        long next = System.nanoTime();
        while (flooding.get()) {
            owed += perTick;
            int frames = (int) owed;
            owed -= frames;
            for (int i = 0; i < connections; i++) {
                Flooder f = flooders[i];
                if (f == null || f.isClosed()) {
                    f = new Flooder(tokens[i], false, counts);
                    flooders[i] = f;
                    noisy.connect(server, sources[i % sources.length], path, f);
                } else if (frames > 0) {
                    f.flood(frames);
                }
            }
            stormOwed += stormPerTick;
            while (stormOwed >= 1) {
                stormOwed -= 1;
                storm.removeIf(Flooder::isClosed);
                if (storm.size() < 1000) {
                    Flooder s = new Flooder(tokens[connections + (stormUser++ % 200)], true, stormCounts);
                    storm.add(s);
                    noisy.connect(server, stormSource, path, s);
                }
            }
            next += tick;
            sleepUntil(next);
        }
        for (Flooder f : flooders) {
            if (f != null) {
                f.close();
            }
        }
        storm.forEach(Flooder::close);
        sleepUntil(System.nanoTime() + 500_000_000L);
    }

    /** {@code GET /api/metrics/websocket} as {@code bench-admin} (super_admin: the whole server and per tenant). */
    @SuppressWarnings("unchecked")
    private Map<String, Object> websocketFigures(Algorithm hs256) {
        try {
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            java.net.http.HttpResponse<String> r = http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://" + target.host() + ":" + target.port() + "/api/metrics/websocket"))
                    .header("Authorization", "Bearer " + BenchData.token(hs256, BenchData.ADMIN))
                    .timeout(java.time.Duration.ofSeconds(5)).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return Map.of("status", r.statusCode(), "body", r.body());
            }
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(r.body(), Map.class);
        } catch (Exception e) {
            return Map.of("error", e.toString());
        }
    }

    private static double ms(Histogram h, double percentile) {
        return round(h.getValueAtPercentile(percentile) / 1000.0);
    }

    /** a / b rounded, or 0 when b is 0. */
    static double ratio(double a, double b) {
        return b == 0 ? 0 : round(a / b);
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
