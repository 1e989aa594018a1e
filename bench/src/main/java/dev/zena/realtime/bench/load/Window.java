package dev.zena.realtime.bench.load;

import org.HdrHistogram.Histogram;

/**
 * One measured window of a scenario: the samples at its two ends, the publish→deliver latency of the events sent
 * within it, and any extra counters the scenario read at both ends.
 */
record Window(Sample before, Sample after, Histogram latency, long[] countersBefore, long[] countersAfter) {

    long deliveries() {
        return after.events() - before.events();
    }

    double seconds() {
        return (after.nanos() - before.nanos()) / 1e9;
    }

    /** Server CPU over the window divided by its length: the share of one core. */
    double serverCpuShare() {
        return (after.serverCpu() - before.serverCpu()) / seconds();
    }

    double generatorCpuShare() {
        return (after.generatorCpu() - before.generatorCpu()) / seconds();
    }

    /** How much extra counter {@code i} rose over the window. */
    long counted(int i) {
        return countersAfter[i] - countersBefore[i];
    }
}
