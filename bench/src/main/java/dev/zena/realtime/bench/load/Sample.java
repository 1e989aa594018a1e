package dev.zena.realtime.bench.load;

import dev.zena.realtime.bench.probe.ProcStat;

/** Counters and /proc readings at one instant: events received, server and generator CPU, server RSS. */
record Sample(long nanos, long events, double serverCpu, double generatorCpu, long rssKiB) {

    static Sample take(Target target, Tally tally) {
        String pid = String.valueOf(target.pid());
        return new Sample(
                System.nanoTime(),
                tally.events(),
                ProcStat.cpuSeconds(pid),
                ProcStat.cpuSeconds("self"),
                ProcStat.rssKiB(pid));
    }
}
