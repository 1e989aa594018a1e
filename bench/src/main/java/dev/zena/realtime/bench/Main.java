package dev.zena.realtime.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.zena.realtime.bench.load.BenchData;
import dev.zena.realtime.bench.load.Scenarios;
import dev.zena.realtime.bench.report.Comparison;
import dev.zena.realtime.bench.report.Markdown;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entry point of {@code zena-bench.jar}; {@code bench/run.sh} drives it. Subcommands:
 * {@code prepare} (the import document), {@code fanout | capacity | storm | coldstart | channels | noisy | recovery | presence |
 * history-memory | cluster} (one target, one JSON result),
 * {@code report} (merge targets into JSON + Markdown with ratios), {@code jmh} (the micro-benchmarks).
 */
public final class Main {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println(
                    "usage: prepare | fanout | capacity | storm | coldstart | channels | noisy | recovery | presence | history-memory"
                            + " | cluster | report | jmh  [--option value …]");
            System.exit(2);
        }
        switch (args[0]) {
            case "prepare" -> prepare(Options.parse(args, 1));
            case "fanout",
                    "capacity",
                    "storm",
                    "coldstart",
                    "channels",
                    "noisy",
                    "recovery",
                    "presence",
                    "history-memory",
                    "cluster" -> scenario(args[0], Options.parse(args, 1));
            case "report" -> report(Options.parse(args, 1));
            case "jmh" -> org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
            default -> {
                System.err.println("unknown subcommand " + args[0]);
                System.exit(2);
            }
        }
        System.exit(0);
    }

    private static void prepare(Options o) throws IOException {
        Files.writeString(
                Path.of(o.text("out", null)),
                BenchData.importDocument(
                        o.integer("users", 1000),
                        o.integer("tasks", 1),
                        o.integer("quiet-users", 0),
                        o.integer("quiet-tasks", 0)));
    }

    private static void scenario(String name, Options o) throws IOException {
        Path out = Path.of(o.text("out", null));
        Map<String, Object> result = new Scenarios(o).run(name);
        JSON.writeValue(out.toFile(), result);
        System.out.println(result.get("target") + " " + name + ": " + result.get("metrics"));
    }

    @SuppressWarnings("unchecked")
    private static void report(Options o) throws IOException {
        String prefix = o.text("out", null);
        Map<String, Object> environment = new LinkedHashMap<>();
        String envFile = o.text("env-file", "");
        if (!envFile.isEmpty()) {
            for (String line : Files.readAllLines(Path.of(envFile))) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    environment.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        }
        List<Map<String, Object>> runs = new ArrayList<>();
        for (String file : o.positional()) {
            runs.add(JSON.readValue(Path.of(file).toFile(), Map.class));
        }
        Map<String, Object> merged = Comparison.merge(runs, environment);
        JSON.writeValue(Path.of(prefix + ".json").toFile(), merged);
        Files.writeString(Path.of(prefix + ".md"), Markdown.render(merged));
        System.out.println("wrote " + prefix + ".json and " + prefix + ".md");
    }
}
