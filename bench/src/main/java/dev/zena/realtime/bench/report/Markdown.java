package dev.zena.realtime.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Renders a merged report ({@link Comparison#merge}) as Markdown: header, one metrics table, details. Pure. */
public final class Markdown {

    /** The details key of a paired cluster run's CPU by process and thread group, per window: a table of its own. */
    public static final String BY_THREAD = "cpu_ms_per_s_by_thread";

    private Markdown() {}

    @SuppressWarnings("unchecked")
    public static String render(Map<String, Object> report) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark: ").append(report.get("scenario")).append("\n\n");
        md.append("Started ").append(report.get("started_at")).append(". Loopback only; one run, not an average.\n\n");
        md.append("## Machine and environment\n\n");
        keyValues(md, (Map<String, Object>) report.get("machine"));
        keyValues(md, (Map<String, Object>) report.get("environment"));
        List<Map<String, Object>> targets = (List<Map<String, Object>>) report.get("targets");
        Map<String, Object> ratios = (Map<String, Object>) report.get("ratios");
        md.append("\n## Results\n\n| metric |");
        targets.forEach(t -> md.append(' ').append(t.get("name")).append(" |"));
        ratios.keySet().forEach(r -> md.append(' ').append(r).append(" |"));
        md.append("\n|---|");
        md.append("---:|".repeat(targets.size() + ratios.size()));
        md.append('\n');
        for (String metric : Comparison.metricNames(targets)) {
            md.append("| ").append(metric).append(" |");
            for (Map<String, Object> t : targets) {
                cell(md, ((Map<String, Object>) t.get("metrics")).get(metric));
            }
            for (Object r : ratios.values()) {
                cell(md, ((Map<String, Object>) r).get(metric));
            }
            md.append('\n');
        }
        md.append("\n## Targets\n");
        for (Map<String, Object> t : targets) {
            md.append("\n### ").append(t.get("name")).append("\n\n");
            md.append("- server command line: `")
                    .append(t.get("server_command_line"))
                    .append("`\n");
            md.append("- settings: `").append(t.get("settings")).append("`\n");
            Map<String, Object> details = (Map<String, Object>) t.get("details");
            Map<String, Map<String, Object>> byThread =
                    details == null ? null : (Map<String, Map<String, Object>>) details.get(BY_THREAD);
            if (byThread == null || byThread.isEmpty()) {
                md.append("- details: `").append(details).append("`\n");
            } else {
                Map<String, Object> rest = new LinkedHashMap<>(details);
                rest.remove(BY_THREAD);
                md.append("- details: `").append(rest).append("`\n");
                byThread(md, byThread);
            }
        }
        return md.toString();
    }

    /**
     * A table of CPU (ms per s of each side's phases) by process and thread group ("process group" rows), one column
     * per window; a process's rows stay together even when a group shows in one window only.
     */
    private static void byThread(StringBuilder md, Map<String, Map<String, Object>> windows) {
        Map<String, Set<String>> byProcess = new LinkedHashMap<>();
        windows.values()
                .forEach(w -> w.keySet()
                        .forEach(row -> byProcess
                                .computeIfAbsent(
                                        row.substring(0, Math.max(0, row.indexOf(' '))), p -> new LinkedHashSet<>())
                                .add(row)));
        List<String> rows = new ArrayList<>();
        byProcess.values().forEach(rows::addAll);
        md.append(
                "\nCPU by process and thread group, ms per s of the side's own phases:\n\n| process and thread group |");
        windows.keySet().forEach(w -> md.append(' ').append(w).append(" |"));
        md.append("\n|---|").append("---:|".repeat(windows.size())).append('\n');
        for (String row : rows) {
            md.append("| ").append(row).append(" |");
            for (Map<String, Object> w : windows.values()) {
                cell(md, w.get(row));
            }
            md.append('\n');
        }
    }

    private static void cell(StringBuilder md, Object value) {
        md.append(' ').append(value == null ? "–" : format(value)).append(" |");
    }

    private static void keyValues(StringBuilder md, Map<String, Object> values) {
        if (values == null) {
            return;
        }
        values.forEach(
                (k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
    }

    /** Whole numbers without a fraction, others with up to 3 decimals. */
    static String format(Object value) {
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return String.valueOf((long) d);
            }
            return String.valueOf(Math.round(d * 1000) / 1000.0);
        }
        return String.valueOf(value);
    }
}
