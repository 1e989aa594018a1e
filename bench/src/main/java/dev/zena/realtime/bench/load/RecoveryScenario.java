package dev.zena.realtime.bench.load;

import com.auth0.jwt.algorithms.Algorithm;
import dev.zena.realtime.bench.client.Transport;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Recovery storm (issue 15 item 7, SPEC §9), ours only: {@code clients} connections hold one channel; all of them
 * disconnect, {@code missed} events are published while they are away, then all reconnect at once with
 * {@code since} at the position each saw last. Every client must get a {@code recovered: true} verdict and then
 * exactly the missed events, in offset order, each once, marked {@code recovered}. Measured: the time from the
 * first reconnect until the last client holds its last event, and the server's CPU over that span per recovered
 * event. A control round then does the same with nothing missed, so that the replay's own cost can be told apart
 * from the reconnect (connect + authenticate + subscribe) that both rounds pay. With {@code storms} = 2 (the
 * default) the storm runs twice: on a cold server, then on a warm one; the control follows the warm storm.
 */
final class RecoveryScenario {

    private RecoveryScenario() {}

    static void run(Run run, Transport transport) {
        int n = run.options.integer("clients", run.options.integer("connections", 1000));
        int missed = run.options.integer("missed", 50);
        int window = run.options.integer("connect-window", 200);
        int users = run.options.integer("users", n);
        long timeout = (long) (run.options.decimal("connect-timeout", 60) * 1e9);
        String channel = BenchData.channel(1);
        Algorithm hs256 = Algorithm.HMAC256(run.secret);
        String[] tokens = new String[Math.min(users, n)];
        for (int u = 0; u < tokens.length; u++) {
            tokens[u] = BenchData.token(hs256, BenchData.user(u));
        }
        List<Returner> clients = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            clients.add(new Returner(tokens[i % tokens.length], channel));
        }
        InetSocketAddress server = new InetSocketAddress(run.target.host(), run.target.port());
        String path = run.target.wsPath();

        RecoveryRound first = new RecoveryRound();
        long firstStart = System.nanoTime();
        open(clients, transport, server, path, first, window, firstStart + timeout);
        run.metrics.put("clients", n);
        run.metrics.put("clients_subscribed", first.ready());
        run.metrics.put(
                "connect_auth_subscribe_per_s",
                Run.round(first.ready() / ((first.lastCompleteNanos() - firstStart) / 1e9)));

        Publisher publisher = run.publisher(8);
        RecoveryRound last = first;
        Measured warm = null;
        RecoveryRound warmRound = null;
        int storms = run.options.integer("storms", 2);
        for (int k = 1; k <= storms; k++) {
            String name =
                    storms == 1 ? "recovery" : k == 1 ? "recovery_cold" : k == 2 ? "recovery_warm" : "recovery_" + k;
            leave(clients, last, timeout);
            long acceptedBefore = publisher.accepted();
            publisher.publishExactly(missed, () -> 1);
            run.metrics.put(name + "_missed_events_published", publisher.accepted() - acceptedBefore);
            RecoveryRound storm = new RecoveryRound();
            Measured m = measure(run, clients, transport, server, path, storm, window, timeout);
            put(run, name, storm, m, n);
            run.metrics.put(name + "_events_expected", (long) n * (publisher.accepted() - acceptedBefore));
            last = storm;
            warm = m;
            warmRound = storm;
        }
        run.metrics.put("publishes_refused", publisher.refused());
        if (run.options.integer("control", 1) == 1 && warm != null) {
            leave(clients, last, timeout);
            RecoveryRound control = new RecoveryRound();
            Measured plain = measure(run, clients, transport, server, path, control, window, timeout);
            put(run, "control", control, plain, n);
            double marginal = (warm.serverCpu - plain.serverCpu) * 1e6 / Math.max(1, warmRound.recoveredEvents());
            run.metrics.put("replay_server_cpu_us_per_recovered_event_beyond_control", Run.round(marginal));
        }
        clients.forEach(Returner::close);
    }

    /** Opens every client for {@code round}, at most {@code window} not yet subscribed, and waits for all. */
    private static void open(
            List<Returner> clients,
            Transport transport,
            InetSocketAddress server,
            String path,
            RecoveryRound round,
            int window,
            long deadline) {
        for (int i = 0; i < clients.size() && System.nanoTime() < deadline; i++) {
            while (i - round.complete() - round.refused() - round.failed() >= window && System.nanoTime() < deadline) {
                LockSupport.parkNanos(100_000);
            }
            clients.get(i).start(transport, server, path, round);
        }
        awaitUntil(() -> round.complete() + round.refused() + round.failed() >= clients.size() ? 1 : 0, deadline);
    }

    /** Closes every client and waits until the server has answered each close. */
    private static void leave(List<Returner> clients, RecoveryRound round, long timeout) {
        long closedBefore = round.closed();
        clients.forEach(Returner::close);
        long expected = closedBefore + clients.size() - round.failed();
        awaitUntil(() -> round.closed() >= expected ? 1 : 0, System.nanoTime() + timeout);
    }

    private record Measured(double seconds, double serverCpu, double generatorCpu) {}

    private static Measured measure(
            Run run,
            List<Returner> clients,
            Transport transport,
            InetSocketAddress server,
            String path,
            RecoveryRound round,
            int window,
            long timeout) {
        Sample before = Sample.take(run.target, new Tally());
        long start = System.nanoTime();
        open(clients, transport, server, path, round, window, start + timeout);
        long end = Math.max(round.lastCompleteNanos(), start);
        Sample after = Sample.take(run.target, new Tally());
        return new Measured(
                (end - start) / 1e9,
                after.serverCpu() - before.serverCpu(),
                after.generatorCpu() - before.generatorCpu());
    }

    private static void put(Run run, String prefix, RecoveryRound round, Measured m, int n) {
        run.metrics.put(prefix + "_clients_subscribed", round.ready());
        run.metrics.put(prefix + "_clients_recovered", round.recovered());
        run.metrics.put(prefix + "_clients_refused", round.refused());
        run.metrics.put(prefix + "_clients_complete", round.complete());
        run.metrics.put(prefix + "_events_owed", round.owed());
        run.metrics.put(prefix + "_events_received_in_order", round.completeEvents());
        run.metrics.put(prefix + "_events_marked_recovered", round.recoveredEvents());
        run.metrics.put(prefix + "_events_live", round.liveEvents());
        run.metrics.put(prefix + "_duplicates", round.duplicates());
        run.metrics.put(prefix + "_gaps", round.gaps());
        run.metrics.put(prefix + "_errors", round.errors());
        run.metrics.put(prefix + "_seconds_until_all_complete", Run.round(m.seconds));
        run.metrics.put(prefix + "_server_cpu_s", Run.round(m.serverCpu));
        run.metrics.put(prefix + "_server_cpu_share_of_one_core", Run.ratio(m.serverCpu, m.seconds));
        run.metrics.put(prefix + "_server_cpu_us_per_client", Run.round(m.serverCpu * 1e6 / n));
        if (round.recoveredEvents() > 0) {
            run.metrics.put(
                    prefix + "_server_cpu_us_per_recovered_event",
                    Run.round(m.serverCpu * 1e6 / round.recoveredEvents()));
            run.metrics.put(prefix + "_recovered_events_per_s", Run.round(round.recoveredEvents() / m.seconds));
        }
        run.metrics.put(prefix + "_generator_cpu_s", Run.round(m.generatorCpu));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("refused_by_reason", round.refusedByReason());
        detail.put("first_error", round.firstError());
        run.details.put(prefix, detail);
    }

    private static void awaitUntil(LongSupplier isDone, long deadline) {
        while (isDone.getAsLong() == 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
        }
    }
}
