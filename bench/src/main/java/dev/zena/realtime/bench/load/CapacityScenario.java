package dev.zena.realtime.bench.load;

import dev.zena.realtime.bench.client.Transport;
import dev.zena.realtime.bench.probe.HeapProbe;
import dev.zena.realtime.bench.probe.ProcStat;

/**
 * (a) Capacity: {@code connections} idle authenticated subscribed connections held for {@code hold} s; the server's
 * RSS and (Java targets) live heap after a full collection, before and after, per connection.
 */
final class CapacityScenario {

    private CapacityScenario() {}

    static void run(Run run, Transport transport) {
        int n = run.options.integer("connections", 1000);
        int channels = run.options.integer("channels", 1);
        double hold = run.options.decimal("hold", 5);
        Target target = run.target;
        long heapBefore = target.isJava() ? HeapProbe.liveHeapKiB(target.pid()) : -1;
        long rssBefore = ProcStat.rssKiB(String.valueOf(target.pid()));
        Tally tally = new Tally();
        Fleet fleet = new Fleet(transport, target, tally);
        run.openFleet(fleet, n, i -> new String[] {BenchData.channel(1 + i % channels)});
        Run.sleepUntil(System.nanoTime() + (long) (hold * 1e9));
        long ready = fleet.readyCount();
        long heapAfter = target.isJava() ? HeapProbe.liveHeapKiB(target.pid()) : -1;
        long rssAfter = ProcStat.rssKiB(String.valueOf(target.pid()));
        run.metrics.put("connections_ready", ready);
        run.metrics.put("server_rss_mib_before", Run.round(rssBefore / 1024.0));
        run.metrics.put("server_rss_mib_after", Run.round(rssAfter / 1024.0));
        run.metrics.put("server_rss_kib_per_connection", perConnection(rssAfter - rssBefore, ready));
        if (heapBefore >= 0 && heapAfter >= 0) {
            run.metrics.put("server_live_heap_mib_before", Run.round(heapBefore / 1024.0));
            run.metrics.put("server_live_heap_mib_after", Run.round(heapAfter / 1024.0));
            run.metrics.put("server_heap_kib_per_connection", perConnection(heapAfter - heapBefore, ready));
        }
        run.putCloses(tally);
        fleet.closeAll();
    }

    private static double perConnection(long kib, long connections) {
        return connections > 0 ? Run.round(kib / (double) connections) : 0;
    }
}
