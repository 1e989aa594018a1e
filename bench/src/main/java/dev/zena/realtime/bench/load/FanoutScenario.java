package dev.zena.realtime.bench.load;

import dev.zena.realtime.bench.client.Transport;

/**
 * (b) Fan-out: {@code subscribers} connections hold one channel; events are published at {@code rate} per second
 * (0: unthrottled, {@code window} publishes not yet fully delivered) and measured for {@code duration} s after
 * {@code warmup} s.
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
        long end = span.to();
        long ready = opened.ready();
        Thread pub = new Thread(() -> publisher.run(end, rate, () -> 1, window, tally::distinct, ready), "publisher");
        pub.start();
        Window measured = run.measure(tally, span.from(), end);
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
        run.putCloses(tally);
        fleet.closeAll();
    }
}
