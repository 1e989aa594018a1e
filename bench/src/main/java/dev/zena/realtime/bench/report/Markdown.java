package dev.zena.realtime.bench.report;

import java.util.List;
import java.util.Map;

/** Renders a merged report ({@link Comparison#merge}) as Markdown: header, one metrics table, details. Pure. */
public final class Markdown {

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
                Object v = ((Map<String, Object>) t.get("metrics")).get(metric);
                md.append(' ').append(v == null ? "–" : format(v)).append(" |");
            }
            for (Object r : ratios.values()) {
                Object v = ((Map<String, Object>) r).get(metric);
                md.append(' ').append(v == null ? "–" : format(v)).append(" |");
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
            md.append("- details: `").append(t.get("details")).append("`\n");
        }
        return md.toString();
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
