package dev.zena.realtime.soak;

import dev.zena.realtime.soak.ProcessGauge.Sample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The soak's figures as text: what happened, the slopes after the warm-up, and every sample. */
final class SoakReport {

    private SoakReport() {}

    static String render(
            long seconds,
            double warmup,
            Sample idle,
            List<Sample> samples,
            Sample quiet,
            Map<String, Long> tally,
            Ledger.Book book,
            Backend backend,
            String serverLog) {
        List<Sample> after = samples.stream().filter(s -> s.seconds() >= warmup).toList();
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "soak: seconds=%d warmup_s=%.0f samples=%d (after warm-up %d)%n",
                seconds,
                warmup,
                samples.size(),
                after.size()));
        out.append("counts:");
        tally.forEach((name, count) -> out.append(' ').append(name).append('=').append(count));
        out.append(String.format(
                Locale.ROOT,
                " published=%d events_checked=%d resyncs=%d syncs=%d violations=%d refused_requests=%d"
                        + " server_log_errors=%d%n",
                backend.publishedTotal(),
                book.events().get(),
                book.resyncs().get(),
                backend.syncs(),
                book.violations().size(),
                backend.failures().size(),
                serverLog.lines().filter(line -> line.contains(" ERROR ")).count()));
        out.append(String.format(
                Locale.ROOT,
                "slopes after warm-up, per minute: rss_kb=%.1f (anon %.1f, file %.1f) heap_after_gc_kb=%.1f"
                        + " threads=%.2f fds=%.2f%n",
                slope(after, Sample::rssKb),
                slope(after, Sample::rssAnonKb),
                slope(after, Sample::rssFileKb),
                slope(after, Sample::heapKb),
                slope(after, Sample::threads),
                slope(after, Sample::fds)));
        out.append("t_s rss_kb rss_anon_kb rss_file_kb heap_after_gc_kb threads fds\n");
        out.append(row("idle", idle));
        samples.forEach(sample -> out.append(row(String.format(Locale.ROOT, "%.0f", sample.seconds()), sample)));
        out.append(row("quiet", quiet));
        book.violations().stream()
                .limit(20)
                .forEach(v -> out.append("violation: ").append(v).append('\n'));
        backend.failures().stream()
                .limit(20)
                .forEach(f -> out.append("refused: ").append(f).append('\n'));
        return out.toString();
    }

    /** Prints the report and writes it to {@code file} when one is named. */
    static void write(String report, String file) throws IOException {
        System.out.print(report);
        if (file != null && !file.isBlank()) {
            Files.writeString(Path.of(file), report, StandardCharsets.UTF_8);
        }
    }

    private static double slope(List<Sample> samples, ToDoubleFunction<Sample> figure) {
        return Slopes.perMinute(samples, figure);
    }

    private static String row(String label, Sample s) {
        return label + " " + s.rssKb() + " " + s.rssAnonKb() + " " + s.rssFileKb() + " " + s.heapKb() + " "
                + s.threads() + " " + s.fds() + "\n";
    }
}
