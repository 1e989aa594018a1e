package dev.zena.realtime.bench.load;

import com.auth0.jwt.algorithms.Algorithm;
import dev.zena.realtime.bench.client.Transport;
import dev.zena.realtime.bench.probe.Machine;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Cold-start reconnect storm (issue 18 item 1): what users meet after a deploy or a node restart. Each run launches
 * a fresh server here ({@code --launch}: a script that execs the server on the port given as its argument), and
 * {@code start-delay} s after the launch {@code connections} clients connect with the token at the handshake
 * ({@code ?token=}), are authenticated and subscribe, at most {@code connect-window} in flight. Reported per run: the
 * seconds from the storm's start until every client is subscribed, how many were subscribed 1, 2, 3 … s in, when the
 * server began to listen, and the server's CPU; then the median and worst of {@code runs} runs. Nothing is warmed:
 * not the server, and not the generator's own client code beyond preparing its tokens.
 */
final class ColdStartScenario {

    private ColdStartScenario() {}

    static void run(Run run, Transport transport) {
        String launch = run.options.text("launch", null);
        int n = run.options.integer("connections", 5000);
        int runs = run.options.integer("runs", 3);
        double delay = run.options.decimal("start-delay", 2);
        int window = run.options.integer("connect-window", 1000);
        int waves = run.options.integer("waves", 1);
        long timeout = (long) (run.options.decimal("connect-timeout", 60) * 1e9);
        Algorithm hs256 = Algorithm.HMAC256(run.secret);
        String[] tokens = new String[Math.min(run.options.integer("users", n), n)];
        for (int u = 0; u < tokens.length; u++) {
            tokens[u] = BenchData.token(hs256, BenchData.user(u));
        }
        List<Double> complete = new ArrayList<>();
        long failedTotal = 0;
        List<Map<String, Object>> each = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            Map<String, Object> one = once(run, transport, launch, n, delay, window, waves, timeout, tokens);
            each.add(one);
            if (one.get("seconds_to_all_subscribed") instanceof Double seconds) {
                complete.add(seconds);
            }
            failedTotal += (long) one.get("failed");
        }
        complete.sort(null);
        run.metrics.put("connections_requested", n);
        run.metrics.put("runs", runs);
        run.metrics.put("runs_all_subscribed", complete.size());
        run.metrics.put("start_delay_s", delay);
        if (!complete.isEmpty()) { // over the runs in which every client was subscribed
            double median = complete.get(complete.size() / 2);
            run.metrics.put("seconds_to_all_subscribed_best", complete.get(0));
            run.metrics.put("seconds_to_all_subscribed_median", median);
            run.metrics.put("seconds_to_all_subscribed_worst", complete.get(complete.size() - 1));
            run.metrics.put("connect_auth_subscribe_per_s_median", Run.round(n / median));
        }
        run.metrics.put("connections_failed", failedTotal);
        run.details.put("runs", each);
    }

    private static Map<String, Object> once(
            Run run,
            Transport transport,
            String launch,
            int n,
            double delay,
            int window,
            int waves,
            long timeout,
            String[] tokens) {
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder("bash", launch, String.valueOf(port)).inheritIO();
        long launchedAt = System.nanoTime();
        Process server;
        try {
            server = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("could not launch " + launch, e);
        }
        Map<String, Object> one = new LinkedHashMap<>();
        try {
            Target target = new Target(
                    run.target.name(),
                    run.target.host(),
                    port,
                    run.target.wsPath(),
                    run.target.dialect(),
                    server.pid(),
                    run.target.isJava());
            long listening = awaitListening(target, server, launchedAt + timeout);
            Run.sleepUntil(Math.max(launchedAt + (long) (delay * 1e9), listening));
            Tally tally = new Tally();
            Fleet fleet = new Fleet(transport, target, tally).tokenAtHandshake();
            Sample before = Sample.take(target, tally);
            long stormAt = System.nanoTime();
            List<Long> perSecond = new java.util.concurrent.CopyOnWriteArrayList<>();
            AtomicBoolean isOver = new AtomicBoolean();
            Thread clock = new Thread(
                    () -> { // the count of subscribed clients at each whole second of the storm
                        for (int s = 1; s <= timeout / 1_000_000_000L; s++) {
                            long at = stormAt + s * 1_000_000_000L;
                            long wait;
                            while (!isOver.get() && (wait = at - System.nanoTime()) > 0) {
                                LockSupport.parkNanos(Math.min(wait, 20_000_000L));
                            }
                            if (isOver.get()) {
                                return;
                            }
                            perSecond.add(tally.ready());
                        }
                    });
            clock.setDaemon(true);
            clock.start();
            Fleet.Opened opened = storm(fleet, n, window, timeout, tokens, run.options.integer("sources", 1));
            Sample after = Sample.take(target, tally);
            isOver.set(true);
            double stormSeconds = (Math.max(tally.lastReadyNanos(), stormAt) - stormAt) / 1e9;
            one.put("listening_after_launch_s", Run.round((listening - launchedAt) / 1e9));
            one.put("storm_after_launch_s", Run.round((stormAt - launchedAt) / 1e9));
            one.put("seconds_to_all_subscribed", opened.ready() == n ? Run.round(stormSeconds) : null);
            one.put("subscribed", opened.ready());
            one.put("failed", opened.failed());
            one.put("subscribed_after_each_second", new ArrayList<>(perSecond));
            one.put("server_cpu_before_storm_s", Run.round(before.serverCpu()));
            one.put("server_cpu_during_storm_s", Run.round(after.serverCpu() - before.serverCpu()));
            one.put("server_rss_after_storm_kib", after.rssKiB());
            one.put("closes", tally.closes());
            one.put("server_command_line", Machine.commandLine(server.pid()));
            one.put("failures", tally.failures());
            fleet.closeAll();
            if (waves > 1) {
                one.put(
                        "later_waves",
                        laterWaves(
                                target,
                                transport,
                                n,
                                window,
                                waves - 1,
                                timeout,
                                tokens,
                                run.options.integer("sources", 1)));
            }
        } finally {
            server.destroy();
            try {
                if (!server.waitFor(20, TimeUnit.SECONDS)) {
                    server.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        System.out.println(run.target.name() + " cold start: " + one);
        return one;
    }

    /** {@code n} clients, token at the handshake, each subscribing to one channel, {@code window} in flight. */
    private static Fleet.Opened storm(Fleet fleet, int n, int window, long timeout, String[] tokens, int sources) {
        return fleet.open(
                n,
                i -> tokens[i % tokens.length],
                window,
                i -> sources > 1 ? new InetSocketAddress("127.0.0." + (1 + i % sources), 0) : null,
                i -> new String[] {BenchData.channel(1)},
                timeout);
    }

    /**
     * The same storm again on the now warm server, {@code count} times, each 1 s after the previous one's clients
     * closed: how long each took and the server's CPU in it, so that a run shows cold and warm side by side.
     */
    private static List<Map<String, Object>> laterWaves(
            Target target,
            Transport transport,
            int n,
            int window,
            int count,
            long timeout,
            String[] tokens,
            int sources) {
        List<Map<String, Object>> waves = new ArrayList<>();
        for (int w = 0; w < count; w++) {
            LockSupport.parkNanos(1_000_000_000L);
            Tally tally = new Tally();
            Fleet fleet = new Fleet(transport, target, tally).tokenAtHandshake();
            Sample before = Sample.take(target, tally);
            long at = System.nanoTime();
            Fleet.Opened opened = storm(fleet, n, window, timeout, tokens, sources);
            Sample after = Sample.take(target, tally);
            Map<String, Object> wave = new LinkedHashMap<>();
            wave.put(
                    "seconds_to_all_subscribed",
                    opened.ready() == n ? Run.round((Math.max(tally.lastReadyNanos(), at) - at) / 1e9) : null);
            wave.put("failed", opened.failed());
            wave.put("server_cpu_s", Run.round(after.serverCpu() - before.serverCpu()));
            waves.add(wave);
            fleet.closeAll();
        }
        return waves;
    }

    /** When the server first accepted a TCP connection (polled every 5 ms), in {@link System#nanoTime()}. */
    private static long awaitListening(Target target, Process server, long deadline) {
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(target.host(), target.port()), 100);
                return System.nanoTime();
            } catch (IOException notYet) {
                if (!server.isAlive()) {
                    throw new IllegalStateException("the server exited with " + server.exitValue());
                }
                LockSupport.parkNanos(5_000_000L);
            }
        }
        throw new IllegalStateException("the server did not listen on " + target.port());
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
