package dev.zena.realtime.cli;

import dev.zena.realtime.auth.TokenIssuer;
import dev.zena.realtime.config.Durations;
import dev.zena.realtime.config.JwtConfig;
import dev.zena.realtime.config.ServerConfig;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.User;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code token --user ID [--ttl 1h]}: prints only a signed token for a user. */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Print a signed token for a user.")
final class TokenCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = "--user", required = true, paramLabel = "ID", description = "The user id.")
    String userId;

    @Option(names = "--ttl", defaultValue = "1h", description = "Lifetime: seconds or 30s, 15m, 1h (default 1h).")
    String ttl;

    @Override
    public Integer call() {
        ServerConfig config = options.load(Map.of());
        Duration lifetime = parseTtl();
        JwtConfig jwt = DemoSecret.orKept(config);
        try (Store store = options.openPopulatedStore(config)) {
            User user = store.user(userId).orElseThrow(() -> new CliFailure("no user " + userId, 1));
            try {
                options.out().println(new TokenIssuer(jwt, Clock.systemUTC()).issue(user, lifetime));
            } catch (IllegalStateException e) {
                throw new CliFailure(e.getMessage(), 1);
            }
            return 0;
        }
    }

    private Duration parseTtl() {
        try {
            Duration lifetime = Durations.parse(ttl);
            if (lifetime.isNegative() || lifetime.isZero()) {
                throw new IllegalArgumentException("must be positive");
            }
            return lifetime;
        } catch (IllegalArgumentException e) {
            throw new CliFailure("--ttl " + ttl + ": " + e.getMessage(), 2);
        }
    }
}
