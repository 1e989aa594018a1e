package dev.zena.realtime.bench.load;

import com.auth0.jwt.algorithms.Algorithm;
import dev.zena.realtime.bench.client.Transport;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Presence churn (issue 15 item 7, SPEC §10), ours only: {@code connections} connections of as many users join one
 * channel at {@code churn-rate} per second, each stays {@code hold} s and leaves, so about rate × hold are present
 * at once (kept under {@code presence.max_users}, where per-user events stop). An observer subscribed with
 * {@code presence_events} must see exactly one {@code joined} and one {@code left} per user (the {@code left}
 * after the server's leave grace). Measured: server CPU from the first join until the last {@code left} arrived,
 * per transition; that span includes each connection's own connect, authenticate, subscribe and close. Run
 * {@code passes} times (default 2: a cold server, then a warm one), each pass with a fresh observer.
 */
final class PresenceScenario {

    private PresenceScenario() {}

    static void run(Run run, Transport transport) {
        int passes = run.options.integer("passes", 2);
        run.metrics.put("connections", run.options.integer("connections", 1000));
        run.metrics.put("churn_rate_per_s", run.options.decimal("churn-rate", 200));
        run.metrics.put("hold_s", run.options.decimal("hold", 2));
        for (int pass = 1; pass <= passes; pass++) {
            churn(run, transport, passes == 1 ? "" : pass == 1 ? "cold_" : pass == 2 ? "warm_" : "pass" + pass + "_");
        }
    }

    /** One pass: every connection joins and leaves once; the metrics go under {@code prefix}. */
    private static void churn(Run run, Transport transport, String prefix) {
        int n = run.options.integer("connections", 1000);
        double rate = run.options.decimal("churn-rate", 200);
        double hold = run.options.decimal("hold", 2);
        double grace = run.options.decimal("leave-grace", 5);
        String channel = BenchData.channel(1);
        Algorithm hs256 = Algorithm.HMAC256(run.secret);
        InetSocketAddress address = new InetSocketAddress(run.target.host(), run.target.port());
        String path = run.target.wsPath();

        PresenceWatcher watcher = new PresenceWatcher(
                BenchData.token(hs256, BenchData.ADMIN),
                BenchData.ADMIN,
                channel,
                run.options.integer("presence-events", 1) == 1);
        transport.connect(address, null, path, watcher);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!watcher.isReady() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
        }
        if (!watcher.isReady()) {
            throw new IllegalStateException("the presence observer could not subscribe to " + channel);
        }

        Tally tally = new Tally();
        Sample before = Sample.take(run.target, tally);
        long start = System.nanoTime();
        long period = (long) (1e9 / rate);
        long holdNanos = (long) (hold * 1e9);
        ArrayDeque<Subscriber> present = new ArrayDeque<>();
        ArrayDeque<Long> leaveAt = new ArrayDeque<>();
        String[] channels = {channel};
        Sample[] firstLeave = {null};
        for (int i = 0; i < n; i++) {
            long joinAt = start + i * period;
            leaveDue(present, leaveAt, joinAt, firstLeave, run.target, tally);
            Run.sleepUntil(joinAt);
            Subscriber s = new Subscriber(Dialect.ZENA, BenchData.token(hs256, BenchData.user(i)), channels, tally);
            transport.connect(address, null, path, s);
            present.add(s);
            leaveAt.add(joinAt + holdNanos);
        }
        long joinsSent = System.nanoTime();
        leaveDue(present, leaveAt, Long.MAX_VALUE, firstLeave, run.target, tally);
        long ready = tally.ready();
        boolean isWatching = run.options.integer("presence-events", 1) == 1;
        long until = System.nanoTime() + (long) ((grace + (isWatching ? 30 : 0)) * 1e9);
        while ((watcher.joinedEvents() < ready || watcher.leftEvents() < ready) && System.nanoTime() < until) {
            LockSupport.parkNanos(5_000_000);
        }
        Sample after = Sample.take(run.target, tally);
        long end = Math.max(watcher.lastEventNanos(), start);
        double server = after.serverCpu() - before.serverCpu();
        Map<String, Object> m = run.metrics;
        m.put(prefix + "achieved_join_rate_per_s", Run.round(n / ((joinsSent - start) / 1e9)));
        m.put(prefix + "connections_subscribed", ready);
        m.put(prefix + "connections_failed", tally.failed());
        m.put(prefix + "joined_events", watcher.joinedEvents());
        m.put(prefix + "left_events", watcher.leftEvents());
        m.put(prefix + "users_joined_and_left_exactly_once", watcher.usersExactlyOnce());
        m.put(prefix + "users_miscounted", watcher.usersMiscounted());
        m.put(prefix + "presence_summaries", watcher.summaries());
        m.put(prefix + "observer_errors", watcher.errors());
        m.put(prefix + "seconds_first_join_to_last_left", Run.round((end - start) / 1e9));
        m.put(prefix + "server_cpu_s", Run.round(server));
        if (holdNanos >= n * period) {
            // Every join came before the first leave: the CPU of the joins alone, and of the leaves alone.
            double joins = firstLeave[0].serverCpu() - before.serverCpu();
            m.put(prefix + "server_cpu_us_per_join_phase_connection", Run.round(joins * 1e6 / Math.max(1, ready)));
            m.put(
                    prefix + "server_cpu_us_per_leave_phase_connection",
                    Run.round((after.serverCpu() - firstLeave[0].serverCpu()) * 1e6 / Math.max(1, ready)));
        }
        long transitions = watcher.joinedEvents() + watcher.leftEvents();
        if (transitions > 0) {
            m.put(prefix + "server_cpu_us_per_transition", Run.round(server * 1e6 / transitions));
        }
        m.put(prefix + "generator_cpu_s", Run.round(after.generatorCpu() - before.generatorCpu()));
        // What the server spends with nobody connected but the observer (its ticker, sweeps, the collector), so
        // that the span's idle part (the leave grace) can be told apart from the transitions themselves.
        Sample idleFrom = Sample.take(run.target, tally);
        Run.sleepUntil(idleFrom.nanos() + 2_000_000_000L);
        Sample idleTo = Sample.take(run.target, tally);
        double idleShare = (idleTo.serverCpu() - idleFrom.serverCpu()) / ((idleTo.nanos() - idleFrom.nanos()) / 1e9);
        m.put(prefix + "idle_server_cpu_share_of_one_core", Run.round(idleShare));
        if (transitions > 0) {
            double busy = server - idleShare * (after.nanos() - before.nanos()) / 1e9;
            m.put(prefix + "server_cpu_us_per_transition_less_idle", Run.round(busy * 1e6 / transitions));
        }
        run.details.put(prefix + "closes", tally.closes());
        run.details.put(prefix + "failures", tally.failures());
        watcher.close();
    }

    /** Closes, in join order, every connection whose leave time is before {@code now} and that has subscribed. */
    private static void leaveDue(
            ArrayDeque<Subscriber> present,
            ArrayDeque<Long> leaveAt,
            long now,
            Sample[] firstLeave,
            Target target,
            Tally tally) {
        while (!present.isEmpty() && leaveAt.peek() <= now) {
            Run.sleepUntil(leaveAt.peek());
            if (firstLeave[0] == null) {
                firstLeave[0] = Sample.take(target, tally);
            }
            Subscriber s = present.peek();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!s.isReady() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(1_000_000);
            }
            s.close();
            present.poll();
            leaveAt.poll();
        }
    }
}
