package dev.zena.realtime.bench.load;

import dev.zena.realtime.bench.client.Transport;

/**
 * (d) Connection storm: after {@code warm-waves} waves of {@code warm-connections} (opened and closed again, so
 * that the measured wave meets a JIT-compiled server), {@code connections} connect, authenticate and subscribe with
 * at most {@code connect-window} in flight; the rate and the server's CPU per connection.
 */
final class StormScenario {

    private StormScenario() {}

    static void run(Run run, Transport transport) {
        int n = run.options.integer("connections", 1000);
        int warm = run.options.integer("warm-connections", Math.min(n, 200));
        int waves = run.options.integer("warm-waves", 1);
        for (int wave = 0; warm > 0 && wave < waves; wave++) {
            Fleet first = new Fleet(transport, run.target, new Tally());
            first.open(
                    warm,
                    warm,
                    run.options.integer("connect-window", 200),
                    run.options.integer("sources", 1),
                    run.secret,
                    i -> new String[] {BenchData.channel(1)},
                    30_000_000_000L);
            first.closeAll();
            Run.sleepUntil(System.nanoTime() + 1_000_000_000L);
        }
        Tally tally = new Tally();
        Fleet fleet = new Fleet(transport, run.target, tally);
        Sample before = Sample.take(run.target, tally);
        run.openFleet(fleet, n, i -> new String[] {BenchData.channel(1)});
        Sample after = Sample.take(run.target, tally);
        run.putCpu(before, after, tally.ready(), "connection");
        run.putCloses(tally);
        fleet.closeAll();
    }
}
