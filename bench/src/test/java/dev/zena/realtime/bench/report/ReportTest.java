package dev.zena.realtime.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static Map<String, Object> run(String target, double deliveries, double cpu) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("deliveries_per_s", deliveries);
        metrics.put("server_cpu_us_per_delivery", cpu);
        metrics.put("lost", 0);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("scenario", "fanout");
        r.put("target", target);
        r.put("started_at", "2026-11-25T10:00:00Z");
        r.put("machine", Map.of("cpu_model", "Test CPU"));
        r.put("settings", Map.of("subscribers", "1000"));
        r.put("metrics", metrics);
        r.put("details", Map.of());
        return r;
    }

    @Test
    void givesOursAsARatioToEachPeerForSharedNonZeroMetrics() {
        Map<String, Object> merged =
                Comparison.merge(List.of(run("zena", 100_000, 5), run("ws", 50_000, 10)), Map.of("nproc", "2"));

        @SuppressWarnings("unchecked")
        Map<String, Map<String, Double>> ratios = (Map<String, Map<String, Double>>) merged.get("ratios");
        assertThat(ratios.get("zena/ws"))
                .containsEntry("deliveries_per_s", 2.0)
                .containsEntry("server_cpu_us_per_delivery", 0.5)
                .doesNotContainKey("lost");
    }

    @Test
    void rendersOneRowPerMetricWithTargetsAndRatiosAsColumns() {
        String md = Markdown.render(
                Comparison.merge(List.of(run("zena", 100_000, 5), run("ws", 50_000, 10)), Map.of("nproc", "2")));

        assertThat(md)
                .contains("# Benchmark: fanout")
                .contains("- cpu_model: Test CPU")
                .contains("- nproc: 2")
                .contains("| metric | zena | ws | zena/ws |")
                .contains("| deliveries_per_s | 100000 | 50000 | 2 |")
                .contains("| server_cpu_us_per_delivery | 5 | 10 | 0.5 |")
                .contains("| lost | 0 | 0 | – |");
    }

    @Test
    void rendersThePairedRunsCpuByThreadAsATableAndLeavesItOutOfTheDetailsLine() {
        Map<String, Object> cluster = run("zena-cluster", 20_000, 12);
        Map<String, Object> cold = new LinkedHashMap<>();
        cold.put("node_a http", 164.13);
        cold.put("single http", 293.2);
        Map<String, Object> warm = new LinkedHashMap<>();
        warm.put("node_a http", 168.5);
        warm.put("node_a lettuce-epollEv", 12.5);
        Map<String, Object> windows = new LinkedHashMap<>();
        windows.put("cold", cold);
        windows.put("warm", warm);
        cluster.put("details", Map.of(Markdown.BY_THREAD, windows, "pairing", "phases of 2.5 s"));

        String md = Markdown.render(Comparison.merge(List.of(cluster), Map.of()));

        assertThat(md)
                .contains("- details: `{pairing=phases of 2.5 s}`")
                .contains("| process and thread group | cold | warm |")
                .contains(
                        "| node_a http | 164.13 | 168.5 |\n| node_a lettuce-epollEv | – | 12.5 |\n| single http | 293.2 | – |");
    }

    @Test
    void formatsWholeNumbersWithoutAFraction() {
        assertThat(Markdown.format(3.0)).isEqualTo("3");
        assertThat(Markdown.format(2.34567)).isEqualTo("2.346");
        assertThat(Markdown.format("x")).isEqualTo("x");
    }
}
