package dev.zena.realtime.bench.load;

import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zena.realtime.bench.client.NioTransport;
import dev.zena.realtime.bench.client.Transport;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;

/**
 * (e) Noisy neighbour. Tenant {@code quiet} (B): {@code quiet-connections} subscribers over {@code quiet-channels}
 * channels from 127.0.0.1, receiving broadcasts at {@code rate} per second throughout. B's publish→deliver latency
 * is measured for {@code duration} s unloaded, then for {@code duration} s while tenant {@code bench} (A) floods:
 * {@code flood-connections} connections from 127.0.0.2..5 each sending {@code flood-rate} pings per second
 * (reconnecting at once when closed), plus a handshake storm of {@code storm-rate} authenticate-and-close
 * connections per second from 127.0.0.6. A's message limits stay at their defaults; after the flood a second
 * unloaded baseline is taken. The run counts RATE_LIMITED replies, 4008 closes and refused handshakes, and reads
 * {@code /api/metrics/websocket} with an admin token.
 */
final class NoisyScenario {

    private final Run run;
    private final Algorithm hs256;

    private NoisyScenario(Run run) {
        this.run = run;
        this.hs256 = Algorithm.HMAC256(run.secret);
    }

    static void run(Run run, Transport transport) {
        new NoisyScenario(run).measure(transport);
    }

    private void measure(Transport transport) {
        int quiet = run.options.integer("quiet-connections", 200);
        int quietChannels = run.options.integer("quiet-channels", 10);
        double rate = run.options.decimal("rate", 50);
        double warmup = run.options.decimal("warmup", 2);
        double duration = run.options.decimal("duration", 10);
        int floodConnections = run.options.integer("flood-connections", 300);
        int floodRate = run.options.integer("flood-rate", 100);
        int stormRate = run.options.integer("storm-rate", 400);
        double floodSettle = run.options.decimal("flood-settle", 2);
        Tally tally = new Tally();
        Fleet fleet = new Fleet(transport, run.target, tally);
        String[] quietTokens = new String[quiet];
        for (int i = 0; i < quiet; i++) {
            quietTokens[i] = BenchData.token(hs256, BenchData.quietUser(i), BenchData.QUIET_TENANT);
        }
        InetSocketAddress bSource = new InetSocketAddress("127.0.0.1", 0);
        Fleet.Opened opened = fleet.open(
                quiet,
                i -> quietTokens[i],
                run.options.integer("connect-window", 200),
                i -> bSource,
                i -> new String[] {BenchData.quietChannel(1 + i % quietChannels)},
                (long) (run.options.decimal("connect-timeout", 60) * 1e9));
        run.metrics.put("quiet_connections_ready", opened.ready());
        String key = run.publishKeyOrNull();
        if (key == null) {
            throw new IllegalStateException("noisy needs the signed broadcast (BENCH_PUBLISH_KEY/SECRET)");
        }
        Publisher publisher = new Publisher(
                        run.baseUrl(),
                        BenchData.token(hs256, BenchData.PUBLISHER),
                        64,
                        key,
                        System.getenv("BENCH_PUBLISH_SECRET"))
                .toTenant(BenchData.QUIET_TENANT, BenchData::quietChannel);
        int[] turn = {0};
        long unloadedFrom = System.nanoTime() + (long) (warmup * 1e9);
        long unloadedEnd = unloadedFrom + (long) (duration * 1e9);
        long loadedFrom = unloadedEnd + (long) (floodSettle * 1e9);
        long loadedEnd = loadedFrom + (long) (duration * 1e9);
        // After the flood: the same settle time, then a second unloaded baseline (A-B-A), so that JIT warm-up
        // or other work on the machine during the first baseline shows up as two baselines that disagree.
        long afterFrom = loadedEnd + (long) ((floodSettle + 0.5) * 1e9);
        long afterEnd = afterFrom + (long) (duration * 1e9);
        Thread pub = new Thread(
                () -> publisher.run(afterEnd, rate, () -> 1 + (turn[0]++ % quietChannels), 64, tally::distinct, 1),
                "publisher");
        pub.start();

        Window unloaded = run.measure(tally, unloadedFrom, unloadedEnd);
        Map<String, Object> adminBefore = websocketFigures();

        Flooder.Counts counts = new Flooder.Counts();
        Flooder.Counts stormCounts = new Flooder.Counts();
        AtomicBoolean flooding = new AtomicBoolean(true);
        try (Transport noisyTransport = new NioTransport(1)) {
            Thread flood = new Thread(
                    () -> new TenantFlood(run.target, hs256, noisyTransport)
                            .run(floodConnections, floodRate, stormRate, counts, stormCounts, flooding),
                    "flood");
            flood.start();
            Window loaded = run.measure(
                    tally,
                    loadedFrom,
                    loadedEnd,
                    counts.framesSent::sum,
                    () -> counts.handshakes.sum() + stormCounts.handshakes.sum());
            flooding.set(false);
            Run.join(flood);
            Map<String, Object> adminAfter = websocketFigures();
            Histogram recovered = run.measure(tally, afterFrom, afterEnd).latency();
            Run.join(pub);
            Run.settle(tally);

            Histogram before = unloaded.latency();
            Histogram during = loaded.latency();
            Map<String, Object> m = run.metrics;
            m.put("quiet_rate_per_s", rate);
            m.put("unloaded_latency_samples", before.getTotalCount());
            m.put("unloaded_p50_ms", Run.ms(before, 50));
            m.put("unloaded_p99_ms", Run.ms(before, 99));
            m.put("unloaded_max_ms", Run.round(before.getMaxValue() / 1000.0));
            m.put("flooded_latency_samples", during.getTotalCount());
            m.put("flooded_p50_ms", Run.ms(during, 50));
            m.put("flooded_p99_ms", Run.ms(during, 99));
            m.put("flooded_max_ms", Run.round(during.getMaxValue() / 1000.0));
            m.put("after_flood_p50_ms", Run.ms(recovered, 50));
            m.put("after_flood_p99_ms", Run.ms(recovered, 99));
            m.put("p50_ratio_flooded_to_unloaded", Run.ratio(Run.ms(during, 50), Run.ms(before, 50)));
            m.put("p99_ratio_flooded_to_unloaded", Run.ratio(Run.ms(during, 99), Run.ms(before, 99)));
            m.put("p99_ratio_flooded_to_after_flood", Run.ratio(Run.ms(during, 99), Run.ms(recovered, 99)));
            Map<String, Object> summary = fleet.channelStats(channel -> publisher.acceptedFor(Run.taskOf(channel)))
                    .summary();
            m.put("quiet_publishes_accepted", publisher.accepted());
            m.put("quiet_publishes_refused", publisher.refused());
            m.put("quiet_lost", summary.get("lost"));
            m.put("quiet_duplicates", summary.get("duplicates"));
            m.put("quiet_reordered", summary.get("reordered"));
            m.put("flood_connections", floodConnections);
            m.put("flood_rate_per_connection_per_s", floodRate);
            m.put("flood_frames_sent_per_s", Run.round(loaded.counted(0) / loaded.seconds()));
            m.put("flood_frames_sent_total", counts.framesSent.sum());
            m.put("flood_rate_limited_replies", counts.rateLimitedReplies.sum());
            m.put("flood_pongs", counts.pongs.sum());
            m.put("flood_4008_closes", counts.closed(4008));
            m.put("flood_handshakes", counts.handshakes.sum());
            m.put("storm_rate_per_s", stormRate);
            m.put("storm_handshakes", stormCounts.handshakes.sum());
            m.put("storm_authenticated", stormCounts.authenticated.sum());
            m.put("handshakes_per_s_during_flood", Run.round(loaded.counted(1) / loaded.seconds()));
            m.put("server_cpu_share_unloaded", Run.round(unloaded.serverCpuShare()));
            m.put("server_cpu_share_flooded", Run.round(loaded.serverCpuShare()));
            m.put("generator_cpu_share_flooded", Run.round(loaded.generatorCpuShare()));
            m.put("server_rss_mib", Run.round(loaded.after().rssKiB() / 1024.0));
            run.details.put("flood_closes", counts.closes());
            run.details.put("flood_failures", counts.failures());
            run.details.put("flood_other_errors", counts.otherErrors.sum());
            run.details.put("storm_closes", stormCounts.closes());
            run.details.put("storm_failures", stormCounts.failures());
            run.details.put("admin_metrics_before_flood", adminBefore);
            run.details.put("admin_metrics_after_flood", adminAfter);
            run.details.put("quiet_closes", tally.closes());
            run.details.put("quiet_failures", tally.failures());
        }
        fleet.closeAll();
    }

    /** {@code GET /api/metrics/websocket} as {@code bench-admin} (super_admin: the whole server and per tenant). */
    @SuppressWarnings("unchecked")
    private Map<String, Object> websocketFigures() {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(run.baseUrl() + "/api/metrics/websocket"))
                                    .header("Authorization", "Bearer " + BenchData.token(hs256, BenchData.ADMIN))
                                    .timeout(Duration.ofSeconds(5))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return Map.of("status", r.statusCode(), "body", r.body());
            }
            return new ObjectMapper().readValue(r.body(), Map.class);
        } catch (Exception e) {
            return Map.of("error", e.toString());
        }
    }
}
