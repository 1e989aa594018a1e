package dev.zena.realtime.bench.load;

import dev.zena.realtime.bench.client.Transport;

/**
 * (b) Fan-out: {@code subscribers} connections hold one channel; events are published at {@code rate} per second
 * (0: unthrottled, {@code window} publishes not yet fully delivered) and measured for {@code duration} s after
 * {@code warmup} s. With {@code warm-at} > 0 publishing goes on and a second window of {@code duration} s, starting
 * {@code warm-at} s after the first publish, is reported beside it as {@code warm_*}: the first window is then the
 * fresh server's (cold), the second the warm one. The target's dialect decides the protocol: ours ({@code /ws}),
 * Socket.IO, or Pusher protocol 7 ({@code /app/{key}}, ours or Soketi).
 */
final class FanoutScenario {

    private FanoutScenario() {}

    static void run(Run run, Transport transport) {
        int n = run.options.integer("subscribers", 1000);
        double rate = run.options.decimal("rate", 0);
        int window = run.options.integer("window", 4);
        Tally tally = new Tally();
        Fleet fleet = new Fleet(transport, run.target, tally);
        String[] channel = {BenchData.channel(1)};
        Fleet.Opened opened = run.openFleet(fleet, n, i -> channel);
        Publisher publisher = run.publisher(Math.max(window, 1));
        Run.Span span = run.span();
        double warmAt = run.options.decimal("warm-at", 0);
        long warmFrom =
                warmAt > 0 ? span.from() - (long) (run.options.decimal("warmup", 2) * 1e9) + (long) (warmAt * 1e9) : 0;
        if (warmAt > 0 && warmFrom < span.to()) {
            throw new IllegalArgumentException("--warm-at must be at least warmup + duration");
        }
        long end = warmAt > 0 ? warmFrom + (span.to() - span.from()) : span.to();
        long ready = opened.ready();
        Thread pub = new Thread(() -> publisher.run(end, rate, () -> 1, window, tally::distinct, ready), "publisher");
        pub.start();
        Window measured = run.measure(tally, span.from(), span.to());
        Window warm = warmAt > 0 ? run.measure(tally, warmFrom, end) : null;
        Run.join(pub);
        Run.settle(tally);
        run.metrics.put("subscribers_ready", ready);
        run.metrics.put("publish_rate_per_s", rate);
        run.metrics.put("publishes_accepted", publisher.accepted());
        run.metrics.put("publishes_refused", publisher.refused());
        run.metrics.put("deliveries_per_s", Run.round(measured.deliveries() / measured.seconds()));
        run.putLatency(measured.latency());
        run.metrics.put("lost", fleet.lost(publisher.accepted()));
        run.metrics.put("duplicates", tally.duplicates());
        run.metrics.put("reordered", tally.reordered());
        run.metrics.put("offset_gaps_unfilled", fleet.openGaps());
        run.putCpu(measured.before(), measured.after(), measured.deliveries(), "delivery");
        run.metrics.put("server_rss_mib", Run.round(measured.after().rssKiB() / 1024.0));
        if (warm != null) {
            putWarm(run, warm);
        }
        run.putCloses(tally);
        fleet.closeAll();
    }

    /** The warm window's figures, named as the first window's with {@code warm_} before them. */
    private static void putWarm(Run run, Window warm) {
        long deliveries = warm.deliveries();
        double server = warm.after().serverCpu() - warm.before().serverCpu();
        double generator = warm.after().generatorCpu() - warm.before().generatorCpu();
        run.metrics.put("warm_deliveries_per_s", Run.round(deliveries / warm.seconds()));
        run.metrics.put("warm_latency_p50_ms", Run.ms(warm.latency(), 50));
        run.metrics.put("warm_latency_p99_ms", Run.ms(warm.latency(), 99));
        run.metrics.put("warm_server_cpu_share_of_one_core", Run.round(warm.serverCpuShare()));
        run.metrics.put("warm_generator_cpu_share_of_one_core", Run.round(warm.generatorCpuShare()));
        if (deliveries > 0) {
            run.metrics.put("warm_server_cpu_us_per_delivery", Run.round(server * 1e6 / deliveries));
            run.metrics.put("warm_generator_cpu_us_per_delivery", Run.round(generator * 1e6 / deliveries));
        }
        run.metrics.put("warm_server_rss_mib", Run.round(warm.after().rssKiB() / 1024.0));
    }
}
