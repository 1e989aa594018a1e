package dev.zena.realtime.bench.load;

import dev.zena.realtime.bench.client.Transport;
import dev.zena.realtime.bench.probe.ProcStat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Cluster fan-out (issue 14 item 7, SPEC §11), ours only: {@code subscribers} connections on one channel, half on
 * node A ({@code --port}) and half on node B ({@code --port-b}), events published to node A at {@code rate} per
 * second. Measured in two windows of {@code duration} s — cold ({@code warmup} s after the start) and warm
 * ({@code warm-at} s after it): deliveries/s, the CPU per delivery summed over both nodes and Redis
 * ({@code --pid-b}, {@code --redis-pid}), and publish→deliver latency apart for subscribers of node A (local to
 * the publish) and of node B (remote: through Redis). Without {@code --port-b} the same run measures one node with
 * every subscriber local, so the single-node figures come from the same code and the same generator. With
 * {@code --single-port} the single node runs beside the cluster in the same minutes ({@link PairedClusterScenario}).
 */
final class ClusterScenario {

    private ClusterScenario() {}

    static void run(Run run, Transport transport) {
        if (run.options.integer("single-port", 0) > 0) {
            PairedClusterScenario.run(run, transport);
            return;
        }
        int n = run.options.integer("subscribers", 1000);
        double rate = run.options.decimal("rate", 20);
        int portB = run.options.integer("port-b", 0);
        long pidB = run.options.number("pid-b", -1);
        long redisPid = run.options.number("redis-pid", -1);
        double cold = run.options.decimal("warmup", 5);
        double warm = run.options.decimal("warm-at", 60);
        double duration = run.options.decimal("duration", 20);
        boolean isCluster = portB > 0;
        int onA = isCluster ? n / 2 : n;
        String[] channel = {BenchData.channel(1)};

        Tally local = new Tally();
        Tally remote = new Tally();
        Fleet fleetA = new Fleet(transport, run.target, local);
        Fleet fleetB = new Fleet(
                transport,
                new Target(
                        run.target.name(),
                        run.target.host(),
                        portB,
                        run.target.wsPath(),
                        run.target.dialect(),
                        pidB,
                        true),
                remote);
        run.openFleet(fleetA, onA, i -> channel);
        if (isCluster) {
            run.openFleet(fleetB, n - onA, i -> channel);
            run.metrics.put("connections_requested", n);
        }
        long ready = local.ready() + remote.ready();
        run.metrics.put("subscribers_ready", ready);
        run.metrics.put("subscribers_node_a", local.ready());
        run.metrics.put("subscribers_node_b", remote.ready());

        Publisher publisher = run.publisher(8);
        long start = System.nanoTime();
        long coldFrom = start + (long) (cold * 1e9);
        long warmFrom = start + (long) (warm * 1e9);
        long end = (warm > 0 ? warmFrom : coldFrom) + (long) (duration * 1e9);
        Thread pub = new Thread(() -> publisher.run(end, rate, () -> 1, 8, () -> 0, ready), "publisher");
        pub.start();
        long[] pids = {run.target.pid(), pidB, redisPid};
        measure(run, "cold", local, remote, pids, coldFrom, coldFrom + (long) (duration * 1e9));
        if (warm > 0) {
            measure(run, "warm", local, remote, pids, warmFrom, end);
        }
        Run.join(pub);
        Run.settle(local);
        Run.settle(remote);
        run.metrics.put("publish_rate_per_s", rate);
        run.metrics.put("publishes_accepted", publisher.accepted());
        run.metrics.put("publishes_refused", publisher.refused());
        run.metrics.put("lost", fleetA.lost(publisher.accepted()) + fleetB.lost(publisher.accepted()));
        run.metrics.put("duplicates", local.duplicates() + remote.duplicates());
        run.metrics.put("reordered", local.reordered() + remote.reordered());
        run.metrics.put("offset_gaps_unfilled", fleetA.openGaps() + fleetB.openGaps());
        run.putCloses(local);
        fleetA.closeAll();
        fleetB.closeAll();
    }

    /** One window: deliveries, CPU of every process of the server side, latency local and remote. */
    private static void measure(Run run, String name, Tally local, Tally remote, long[] pids, long from, long to) {
        Run.sleepUntil(from);
        long now = System.nanoTime();
        local.recordLatencyFrom(now);
        remote.recordLatencyFrom(now);
        long eventsBefore = local.events() + remote.events();
        double[] cpuBefore = cpu(pids);
        double generatorBefore = ProcStat.cpuSeconds("self");
        Run.sleepUntil(to);
        long deliveries = local.events() + remote.events() - eventsBefore;
        double[] cpuAfter = cpu(pids);
        double generator = ProcStat.cpuSeconds("self") - generatorBefore;
        double seconds = (System.nanoTime() - now) / 1e9;
        Histogram localLatency = local.takeLatency();
        Histogram remoteLatency = remote.takeLatency();
        Histogram all = localLatency.copy();
        all.add(remoteLatency);
        double total = 0;
        Map<String, Object> cpuOf = new LinkedHashMap<>();
        String[] names = {"node_a", "node_b", "redis"};
        for (int i = 0; i < pids.length; i++) {
            if (pids[i] > 0) {
                double used = cpuAfter[i] - cpuBefore[i];
                total += used;
                cpuOf.put(names[i] + "_cpu_share_of_one_core", Run.round(used / seconds));
                if (deliveries > 0) {
                    cpuOf.put(names[i] + "_cpu_us_per_delivery", Run.round(used * 1e6 / deliveries));
                }
            }
        }
        Map<String, Object> m = run.metrics;
        m.put(name + "_deliveries_per_s", Run.round(deliveries / seconds));
        if (deliveries > 0) {
            m.put(name + "_server_cpu_us_per_delivery", Run.round(total * 1e6 / deliveries));
            m.put(name + "_generator_cpu_us_per_delivery", Run.round(generator * 1e6 / deliveries));
        }
        cpuOf.forEach((k, v) -> m.put(name + "_" + k, v));
        m.put(name + "_latency_p50_ms", Run.ms(all, 50));
        m.put(name + "_latency_p99_ms", Run.ms(all, 99));
        m.put(name + "_latency_local_p50_ms", Run.ms(localLatency, 50));
        m.put(name + "_latency_local_p99_ms", Run.ms(localLatency, 99));
        if (remoteLatency.getTotalCount() > 0) {
            m.put(name + "_latency_remote_p50_ms", Run.ms(remoteLatency, 50));
            m.put(name + "_latency_remote_p99_ms", Run.ms(remoteLatency, 99));
            m.put(name + "_remote_minus_local_p99_ms", Run.round(Run.ms(remoteLatency, 99) - Run.ms(localLatency, 99)));
        }
    }

    /** CPU seconds used so far by each of {@code pids} (0 for a pid of 0 or less). */
    static double[] cpu(long[] pids) {
        double[] out = new double[pids.length];
        for (int i = 0; i < pids.length; i++) {
            out[i] = pids[i] > 0 ? ProcStat.cpuSeconds(String.valueOf(pids[i])) : 0;
        }
        return out;
    }
}
