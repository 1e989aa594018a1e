package dev.zena.realtime.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Several targets' results of one scenario, measured in the same run, merged into one report with the first
 * target ("ours") given as a ratio to each of the others for every numeric metric they share. Pure.
 */
public final class Comparison {

    private Comparison() {}

    /** Merges per-target reports (as written by the generator) into one; the first is ours. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> merge(List<Map<String, Object>> runs, Map<String, Object> environment) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        Map<String, Object> first = runs.get(0);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", first.get("scenario"));
        out.put("started_at", first.get("started_at"));
        out.put("machine", first.get("machine"));
        out.put("environment", environment);
        List<Map<String, Object>> targets = new ArrayList<>();
        for (Map<String, Object> run : runs) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("name", run.get("target"));
            t.put("server_command_line", run.get("server_command_line"));
            t.put("settings", run.get("settings"));
            t.put("metrics", run.get("metrics"));
            t.put("details", run.get("details"));
            targets.add(t);
        }
        out.put("targets", targets);
        Map<String, Object> ratios = new LinkedHashMap<>();
        Map<String, Object> ours = (Map<String, Object>) first.get("metrics");
        for (Map<String, Object> run : runs.subList(1, runs.size())) {
            ratios.put(first.get("target") + "/" + run.get("target"), ratios(ours, (Map<String, Object>)
                    run.get("metrics")));
        }
        out.put("ratios", ratios);
        return out;
    }

    /** ours / theirs for each metric both have as a number, theirs non-zero; rounded to 3 decimals. */
    public static Map<String, Double> ratios(Map<String, Object> ours, Map<String, Object> theirs) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : ours.entrySet()) {
            Object other = theirs.get(e.getKey());
            if (e.getValue() instanceof Number a && other instanceof Number b && b.doubleValue() != 0) {
                out.put(e.getKey(), Math.round(a.doubleValue() / b.doubleValue() * 1000) / 1000.0);
            }
        }
        return out;
    }

    /** Every metric name of every target, in first-seen order. */
    @SuppressWarnings("unchecked")
    static Set<String> metricNames(List<Map<String, Object>> targets) {
        Set<String> names = new LinkedHashSet<>();
        for (Map<String, Object> t : targets) {
            names.addAll(((Map<String, Object>) t.get("metrics")).keySet());
        }
        return names;
    }
}
