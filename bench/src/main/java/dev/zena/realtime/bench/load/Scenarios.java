package dev.zena.realtime.bench.load;

import dev.zena.realtime.bench.Options;
import dev.zena.realtime.bench.client.JettyTransport;
import dev.zena.realtime.bench.client.NioTransport;
import dev.zena.realtime.bench.client.Transport;
import dev.zena.realtime.bench.probe.Machine;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The load scenarios of issue 7, each against one target: (a) {@link CapacityScenario capacity}, (b)
 * {@link FanoutScenario fan-out}, (c) {@link ChannelsScenario many channels}, (d) {@link StormScenario connection
 * storm} (and, issue 18, {@link ColdStartScenario the same on a server launched 2 s before}), (e) {@link NoisyScenario noisy neighbour}; and those of issues 15 and 14, ours only:
 * {@link RecoveryScenario recovery storm}, {@link PresenceScenario presence churn},
 * {@link HistoryMemoryScenario history memory}, {@link ClusterScenario cluster}. Each returns one target's result:
 * flat {@code metrics} (numbers, units in the key) plus details, with the machine, the server's command line and the
 * settings used.
 */
public final class Scenarios {

    private final Options options;
    private final Target target;
    private final String secret;
    private final String publishKey;
    private final String publishSecret;

    /** The JWT secret from the environment variable {@code --secret-env} names, the publish key from run.sh's. */
    public Scenarios(Options options) {
        this(
                options,
                System.getenv(options.text("secret-env", "WEBSOCKET_JWT_SECRET")),
                System.getenv("BENCH_PUBLISH_KEY"),
                System.getenv("BENCH_PUBLISH_SECRET"));
    }

    /** With the server's JWT secret and publish key given (the short scenario tests, on an in-process server). */
    public Scenarios(Options options, String secret, String publishKey, String publishSecret) {
        this.options = options;
        this.target = new Target(
                options.text("target", "zena"),
                options.text("host", "127.0.0.1"),
                options.integer("port", 8080),
                options.text("ws-path", "/ws"),
                Dialect.valueOf(options.text("dialect", "zena").toUpperCase(Locale.ROOT)),
                options.number("server-pid", -1),
                Boolean.parseBoolean(options.text("server-java", "true")));
        this.secret = secret;
        this.publishKey = publishKey;
        this.publishSecret = publishSecret;
        if (secret == null || secret.length() < 32) {
            throw new IllegalArgumentException("the server's JWT secret (environment variable "
                    + options.text("secret-env", "WEBSOCKET_JWT_SECRET")
                    + ") is missing or shorter than 32 characters");
        }
    }

    /** Runs {@code scenario} and returns the report of this target. */
    public Map<String, Object> run(String scenario) {
        String clientName = options.text("client", "nio");
        int threads = options.integer("client-threads", 1);
        Instant startedAt = Instant.now();
        Run run = new Run(options, target, secret, publishKey, publishSecret);
        try (Transport transport =
                clientName.equals("jetty") ? new JettyTransport(threads) : new NioTransport(threads)) {
            switch (scenario) {
                case "fanout" -> FanoutScenario.run(run, transport);
                case "capacity" -> CapacityScenario.run(run, transport);
                case "storm" -> StormScenario.run(run, transport);
                case "coldstart" -> ColdStartScenario.run(run, transport);
                case "channels" -> ChannelsScenario.run(run, transport);
                case "noisy" -> NoisyScenario.run(run, transport);
                case "recovery" -> RecoveryScenario.run(run, transport);
                case "presence" -> PresenceScenario.run(run, transport);
                case "history-memory" -> HistoryMemoryScenario.run(run, transport);
                case "cluster" -> ClusterScenario.run(run, transport);
                default -> throw new IllegalArgumentException("unknown scenario " + scenario);
            }
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("scenario", scenario);
        report.put("target", target.name());
        report.put("started_at", startedAt.toString());
        report.put("machine", Machine.describe());
        report.put("server_command_line", Machine.commandLine(target.pid()));
        report.put("settings", options.used());
        report.put("metrics", run.metrics);
        report.put("details", run.details);
        return report;
    }
}
