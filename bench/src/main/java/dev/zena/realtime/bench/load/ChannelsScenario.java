package dev.zena.realtime.bench.load;

import dev.zena.realtime.bench.client.Transport;

/**
 * (c) Many channels: connection i holds channel 1 + i mod {@code channels}; publishes at a fixed total rate pick
 * their channel by Zipf popularity (exponent {@code zipf}, channel 1 the most popular); loss, duplicates and
 * reorders are checked per channel against the publishes accepted for it.
 */
final class ChannelsScenario {

    private ChannelsScenario() {}

    static void run(Run run, Transport transport) {
        int n = run.options.integer("connections", 10_000);
        int channelCount = run.options.integer("channels", 1000);
        double rate = run.options.decimal("rate", 1000);
        double exponent = run.options.decimal("zipf", 1.0);
        int window = Math.max(run.options.integer("window", 4), 64);
        Tally tally = new Tally();
        Fleet fleet = new Fleet(transport, run.target, tally);
        Fleet.Opened opened = run.openFleet(fleet, n, i -> new String[] {BenchData.channel(1 + i % channelCount)});
        Zipf zipf = new Zipf(channelCount, exponent, 7);
        Publisher publisher = run.publisher(window);
        Run.Span span = run.span();
        long end = span.to();
        Thread pub = new Thread(() -> publisher.run(end, rate, zipf::next, window, tally::distinct, 1), "publisher");
        pub.start();
        Window measured = run.measure(tally, span.from(), end, publisher::accepted);
        Run.join(pub);
        Run.settle(tally);
        ChannelStats stats = fleet.channelStats(channel -> publisher.acceptedFor(Run.taskOf(channel)));
        run.metrics.put("connections_ready", opened.ready());
        run.metrics.put("channels", channelCount);
        run.metrics.put("publish_rate_per_s", rate);
        run.metrics.put("zipf_exponent", exponent);
        run.metrics.put("hottest_channel_share", Run.round(zipf.probability(1)));
        run.metrics.put("publishes_accepted", publisher.accepted());
        run.metrics.put("publishes_refused", publisher.refused());
        run.metrics.put("deliveries_per_s", Run.round(measured.deliveries() / measured.seconds()));
        run.putLatency(measured.latency());
        stats.summary().forEach(run.metrics::put);
        run.putCpu(measured.before(), measured.after(), measured.deliveries(), "delivery");
        long publishedInWindow = measured.counted(0);
        if (publishedInWindow > 0) {
            run.metrics.put(
                    "server_cpu_us_per_publish",
                    Run.round(
                            (measured.after().serverCpu() - measured.before().serverCpu()) * 1e6 / publishedInWindow));
        }
        run.metrics.put("server_rss_mib", Run.round(measured.after().rssKiB() / 1024.0));
        run.details.put("busiest_channels", stats.busiest(5));
        run.putCloses(tally);
        fleet.closeAll();
    }
}
