package dev.zena.realtime.bench.load;

import dev.zena.realtime.bench.client.Transport;
import dev.zena.realtime.bench.probe.ProcStat;
import dev.zena.realtime.bench.probe.ThreadCpu;
import dev.zena.realtime.bench.report.Markdown;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The cluster scenario with its single node in the same minutes ({@code --single-port}, {@code --single-pid}): the
 * cluster (nodes A and B on Redis, {@code subscribers} split over them) and one node (the same number of subscribers,
 * all local) are up side by side, and publishing alternates between them in phases of {@code phase} s (order
 * cluster, single, single, cluster, …), at {@code rate} per second to whichever side is in its phase. A side's CPU
 * (both nodes and Redis, or the single node) and deliveries are summed over its own phases only, each phase closed
 * by a short settle so that its last deliveries count in it. Two windows as in {@link ClusterScenario} — cold
 * ({@code warmup} s after publishing starts) and warm ({@code warm-at} s after it), {@code duration} s each — count
 * the phases that start in them.
 *
 * <p>Why: on a shared machine the speed of the same code drifts by 10-20 % over the minutes between a cluster run and
 * a single-node run made one after the other; phases a few seconds long put both sides under the same drift, so
 * that their ratio measures the code. Each side's idle work while the other publishes is counted for neither.
 *
 * <p>The details also give each side's CPU by process and thread group over its phases
 * ({@link Markdown#BY_THREAD}, from {@link ThreadCpu}), so that a run shows where the two sides differ.
 */
final class PairedClusterScenario {

    /** Time after a phase's last publish for its deliveries to land before the phase is closed. */
    private static final long SETTLE_NANOS = 150_000_000L;
    /** Thread groups below this much CPU (ms per s of the side's phases) are summed into one row per process. */
    private static final double SMALL_GROUP_MS_PER_S = 0.5;

    private PairedClusterScenario() {}

    /** One side: its processes, its subscribers' tallies, its publisher, and what its phases added up to. */
    private static final class Side {
        final long[] pids;
        final String[] names;
        final Tally[] tallies;
        final Publisher publisher;
        final long fanout;
        final Map<String, double[]> cpu = new LinkedHashMap<>(); // window -> per pid
        final Map<String, long[]> counts = new LinkedHashMap<>(); // window -> deliveries, phases, nanos
        final Map<String, Double> generator = new LinkedHashMap<>();
        final Map<String, Map<String, Double>> threads = new LinkedHashMap<>(); // window -> "process group" -> s

        Side(long[] pids, String[] names, Tally[] tallies, Publisher publisher, long fanout) {
            this.pids = pids;
            this.names = names;
            this.tallies = tallies;
            this.publisher = publisher;
            this.fanout = fanout;
        }

        double[] cpuNow() {
            return ClusterScenario.cpu(pids);
        }

        ThreadCpu.Snapshot[] threadsNow() {
            ThreadCpu.Snapshot[] out = new ThreadCpu.Snapshot[pids.length];
            for (int i = 0; i < pids.length; i++) {
                out[i] = pids[i] > 0 ? ThreadCpu.of(pids[i]) : null;
            }
            return out;
        }

        void addThreads(String window, ThreadCpu.Snapshot[] before, ThreadCpu.Snapshot[] after) {
            Map<String, Double> sums = threads.computeIfAbsent(window, w -> new LinkedHashMap<>());
            for (int i = 0; i < pids.length; i++) {
                if (before[i] != null) {
                    String process = names[i];
                    ThreadCpu.between(before[i], after[i])
                            .forEach((group, seconds) -> sums.merge(process + " " + group, seconds, Double::sum));
                }
            }
        }

        long events() {
            long sum = 0;
            for (Tally t : tallies) {
                sum += t.events();
            }
            return sum;
        }
    }

    static void run(Run run, Transport transport) {
        int n = run.options.integer("subscribers", 1000);
        double rate = run.options.decimal("rate", 20);
        int portB = run.options.integer("port-b", 0);
        long pidB = run.options.number("pid-b", -1);
        long redisPid = run.options.number("redis-pid", -1);
        int singlePort = run.options.integer("single-port", 0);
        long singlePid = run.options.number("single-pid", -1);
        double cold = run.options.decimal("warmup", 5);
        double warm = run.options.decimal("warm-at", 60);
        double duration = run.options.decimal("duration", 20);
        double phase = run.options.decimal("phase", 2.5);
        if (portB <= 0 || singlePort <= 0) {
            throw new IllegalArgumentException("the paired cluster run needs --port-b and --single-port");
        }
        int onA = n / 2;
        String[] channel = {BenchData.channel(1)};
        Target t = run.target;

        Tally local = new Tally();
        Tally remote = new Tally();
        Tally alone = new Tally();
        Fleet fleetA = new Fleet(transport, t, local);
        Fleet fleetB = new Fleet(
                transport, new Target(t.name(), t.host(), portB, t.wsPath(), t.dialect(), pidB, true), remote);
        Fleet fleetS = new Fleet(
                transport,
                new Target("zena-single", t.host(), singlePort, t.wsPath(), t.dialect(), singlePid, true),
                alone);
        run.openFleet(fleetA, onA, i -> channel);
        run.openFleet(fleetB, n - onA, i -> channel);
        run.openFleet(fleetS, n, i -> channel);
        // openFleet reported each fleet's connect rate over the last; the paired run measures publishing only
        run.metrics.remove("connect_auth_subscribe_per_s");
        run.metrics.remove("connect_seconds");
        run.metrics.put("connections_requested", 2L * n);
        run.metrics.put("connections_failed", local.failed() + remote.failed() + alone.failed());
        run.metrics.put("subscribers_node_a", local.ready());
        run.metrics.put("subscribers_node_b", remote.ready());
        run.metrics.put("subscribers_single", alone.ready());

        Side cluster = new Side(
                new long[] {t.pid(), pidB, redisPid},
                new String[] {"node_a", "node_b", "redis"},
                new Tally[] {local, remote},
                run.publisher(8),
                local.ready() + remote.ready());
        Side single = new Side(
                new long[] {singlePid},
                new String[] {"single"},
                new Tally[] {alone},
                run.publisherAt("http://" + t.host() + ":" + singlePort, 8),
                alone.ready());

        long start = System.nanoTime();
        long[][] windows = {
            {start + (long) (cold * 1e9), start + (long) ((cold + duration) * 1e9)},
            {start + (long) (warm * 1e9), start + (long) ((warm + duration) * 1e9)}
        };
        String[] names = {"cold", "warm"};
        Tally[] all = {local, remote, alone};
        Map<String, Histogram[]> latency = new LinkedHashMap<>();
        int recording = -1;
        long end = windows[1][1];
        for (int k = 0; System.nanoTime() < end; k++) {
            Side side = k % 4 == 0 || k % 4 == 3 ? cluster : single;
            long from = System.nanoTime();
            int window = -1;
            for (int w = 0; w < windows.length; w++) {
                if (from >= windows[w][0] && from < windows[w][1]) {
                    window = w;
                }
            }
            if (window != recording) {
                if (recording >= 0) {
                    latency.put(names[recording], take(all));
                }
                if (window >= 0) {
                    for (Tally tally : all) {
                        tally.recordLatencyFrom(from);
                    }
                }
                recording = window;
            }
            ThreadCpu.Snapshot[] threadsBefore = side.threadsNow();
            double[] cpuBefore = side.cpuNow();
            double generatorBefore = ProcStat.cpuSeconds("self");
            long eventsBefore = side.events();
            side.publisher.run(Math.min(from + (long) (phase * 1e9), end), rate, () -> 1, 8, () -> 0, side.fanout);
            LockSupport.parkNanos(SETTLE_NANOS);
            if (window < 0) {
                continue;
            }
            double[] cpuAfter = side.cpuNow();
            String w = names[window];
            side.addThreads(w, threadsBefore, side.threadsNow());
            double[] cpu = side.cpu.computeIfAbsent(w, x -> new double[side.pids.length]);
            for (int i = 0; i < cpu.length; i++) {
                cpu[i] += cpuAfter[i] - cpuBefore[i];
            }
            long[] counts = side.counts.computeIfAbsent(w, x -> new long[3]);
            counts[0] += side.events() - eventsBefore;
            counts[1]++;
            counts[2] += System.nanoTime() - from;
            side.generator.merge(w, ProcStat.cpuSeconds("self") - generatorBefore, Double::sum);
        }
        if (recording >= 0) {
            latency.put(names[recording], take(all));
        }
        for (Tally tally : all) {
            Run.settle(tally);
        }

        Map<String, Object> m = run.metrics;
        Map<String, Object> byThread = new LinkedHashMap<>();
        for (String w : names) {
            double clusterUs = put(m, w, cluster, "");
            double singleUs = put(m, w, single, "single_");
            Map<String, Double> rows = new LinkedHashMap<>();
            rows.putAll(byThread(cluster, w));
            rows.putAll(byThread(single, w));
            if (!rows.isEmpty()) {
                byThread.put(w, rows);
            }
            if (clusterUs > 0 && singleUs > 0) {
                m.put(w + "_cluster_over_single_cpu_per_delivery", Run.round(clusterUs / singleUs));
            }
            Histogram[] h = latency.get(w);
            if (h != null) {
                Histogram both = h[0].copy();
                both.add(h[1]);
                m.put(w + "_latency_p99_ms", Run.ms(both, 99));
                m.put(w + "_latency_local_p99_ms", Run.ms(h[0], 99));
                if (h[1].getTotalCount() > 0) {
                    m.put(w + "_latency_remote_p99_ms", Run.ms(h[1], 99));
                    m.put(w + "_remote_minus_local_p99_ms", Run.round(Run.ms(h[1], 99) - Run.ms(h[0], 99)));
                }
                m.put(w + "_single_latency_p99_ms", Run.ms(h[2], 99));
            }
        }
        m.put("phase_s", phase);
        m.put("publish_rate_per_s", rate);
        m.put("publishes_accepted", cluster.publisher.accepted());
        m.put("publishes_refused", cluster.publisher.refused());
        m.put("lost", fleetA.lost(cluster.publisher.accepted()) + fleetB.lost(cluster.publisher.accepted()));
        m.put("duplicates", local.duplicates() + remote.duplicates());
        m.put("reordered", local.reordered() + remote.reordered());
        m.put("offset_gaps_unfilled", fleetA.openGaps() + fleetB.openGaps());
        m.put("single_publishes_accepted", single.publisher.accepted());
        m.put("single_publishes_refused", single.publisher.refused());
        m.put("single_lost", fleetS.lost(single.publisher.accepted()));
        m.put("single_duplicates", alone.duplicates());
        m.put("single_reordered", alone.reordered());
        run.details.put(Markdown.BY_THREAD, byThread);
        run.details.put(
                "pairing",
                "phases of " + phase + " s, order cluster, single, single, cluster, ...; "
                        + "each side's CPU summed over its own phases");
        run.putCloses(local);
        fleetA.closeAll();
        fleetB.closeAll();
        fleetS.closeAll();
    }

    /** The latency histograms of local, remote and single-node subscribers since the window began. */
    private static Histogram[] take(Tally[] all) {
        Histogram[] out = new Histogram[all.length];
        for (int i = 0; i < all.length; i++) {
            out[i] = all[i].takeLatency();
        }
        return out;
    }

    /**
     * One side's CPU in window {@code w} by process and thread group, in ms per second of its phases, largest first
     * within each process; a process's groups under {@link #SMALL_GROUP_MS_PER_S} are summed into one row.
     */
    private static Map<String, Double> byThread(Side side, String w) {
        Map<String, Double> sums = side.threads.get(w);
        long[] counts = side.counts.get(w);
        Map<String, Double> out = new LinkedHashMap<>();
        if (sums == null || counts == null || counts[2] == 0) {
            return out;
        }
        double seconds = counts[2] / 1e9;
        for (String process : side.names) {
            List<Map.Entry<String, Double>> rows = new ArrayList<>();
            double small = 0;
            for (Map.Entry<String, Double> e : sums.entrySet()) {
                if (e.getKey().startsWith(process + " ")) {
                    double msPerS = e.getValue() * 1000 / seconds;
                    if (msPerS >= SMALL_GROUP_MS_PER_S) {
                        rows.add(Map.entry(e.getKey(), msPerS));
                    } else {
                        small += msPerS;
                    }
                }
            }
            rows.sort(Map.Entry.<String, Double>comparingByValue().reversed());
            rows.forEach(e -> out.put(e.getKey(), Run.round(e.getValue())));
            if (small > 0) {
                out.put(process + " (groups under " + SMALL_GROUP_MS_PER_S + " ms/s)", Run.round(small));
            }
        }
        return out;
    }

    /** Puts one side's figures of window {@code w}; answers its server CPU per delivery in µs (0 when none). */
    private static double put(Map<String, Object> m, String w, Side side, String prefix) {
        long[] counts = side.counts.get(w);
        double[] cpu = side.cpu.get(w);
        if (counts == null || counts[0] == 0) {
            return 0;
        }
        double seconds = counts[2] / 1e9;
        double total = 0;
        for (int i = 0; i < cpu.length; i++) {
            if (side.pids[i] > 0) {
                total += cpu[i];
                if (side.names.length > 1) {
                    m.put(w + "_" + side.names[i] + "_cpu_us_per_delivery", Run.round(cpu[i] * 1e6 / counts[0]));
                }
            }
        }
        double perDelivery = total * 1e6 / counts[0];
        m.put(w + "_" + prefix + "phases", counts[1]);
        m.put(w + "_" + prefix + "deliveries_per_s", Run.round(counts[0] / seconds));
        m.put(w + "_" + prefix + "server_cpu_us_per_delivery", Run.round(perDelivery));
        m.put(w + "_" + prefix + "generator_cpu_us_per_delivery", Run.round(side.generator.get(w) * 1e6 / counts[0]));
        return perDelivery;
    }
}
