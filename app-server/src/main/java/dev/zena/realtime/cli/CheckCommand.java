package dev.zena.realtime.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zena.realtime.access.AccessPolicy;
import dev.zena.realtime.access.ChannelCatalog;
import dev.zena.realtime.access.Check;
import dev.zena.realtime.access.Decision;
import dev.zena.realtime.config.ServerConfig;
import dev.zena.realtime.pusher.LaravelChannels;
import dev.zena.realtime.store.Store;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code check --user ID --channel NAME [--json]}: the access decision and its ordered checks. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = "Explain whether a user may subscribe to a channel (exit 0 granted, 1 denied).")
final class CheckCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = "--user", required = true, paramLabel = "ID", description = "The user id.")
    String userId;

    @Option(
            names = "--channel",
            required = true,
            paramLabel = "NAME",
            description = "The channel name, or a Laravel channel name (laravel.channels).")
    String channel;

    @Option(names = "--json", description = "Print the decision as JSON.")
    boolean isJson;

    @Override
    public Integer call() {
        ServerConfig config = options.load(Map.of());
        try (Store store = options.openPopulatedStore(config)) {
            ChannelCatalog catalog = new ChannelCatalog(config.channels());
            AccessPolicy policy = new AccessPolicy(store, catalog);
            // A name of no channel pattern may be a Laravel channel name (SPEC §12): decided on what it maps to.
            Decision decision = catalog.parse(channel).isPresent()
                    ? policy.explain(userId, channel)
                    : new LaravelChannels(config.laravel().channels(), catalog, policy)
                            .explain(userId, channel)
                            .orElseGet(() -> policy.explain(userId, channel));
            options.out().println(isJson ? json(decision) : text(decision));
            return decision.isGranted() ? 0 : 1;
        }
    }

    private String text(Decision decision) {
        StringBuilder out = new StringBuilder();
        out.append(decision.isGranted() ? "GRANTED" : "DENIED").append(' ').append(decision.status());
        if (decision.code() != null) {
            out.append(' ').append(decision.code().name());
        }
        out.append("  user=").append(userId).append(" channel=").append(channel).append('\n');
        for (Check check : decision.checks()) {
            out.append("  ")
                    .append(check.passed() ? "[pass] " : "[FAIL] ")
                    .append(String.format("%-15s", check.check()))
                    .append(check.detail())
                    .append('\n');
        }
        return out.toString().stripTrailing();
    }

    private String json(Decision decision) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("user_id", userId).put("channel", channel).put("status", decision.status());
        root.put("code", decision.code() == null ? null : decision.code().name());
        root.put("granted", decision.isGranted());
        ArrayNode checks = root.putArray("checks");
        decision.checks()
                .forEach(c -> checks.addObject()
                        .put("check", c.check())
                        .put("passed", c.passed())
                        .put("detail", c.detail()));
        return root.toString();
    }
}
