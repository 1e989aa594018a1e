package dev.zena.realtime.cli;

import dev.zena.realtime.config.ServerConfig;
import dev.zena.realtime.store.RevokedToken;
import dev.zena.realtime.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code revoke --jti JTI --exp INSTANT} or {@code revoke --user ID}: takes effect on a running server too. */
@Command(
        name = "revoke",
        mixinStandardHelpOptions = true,
        description = "Revoke one token (by jti) or every token issued so far to a user.")
final class RevokeCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @ArgGroup(exclusive = false)
        ByJti byJti;

        @Option(names = "--user", paramLabel = "ID", description = "Sets the user's tokens_valid_after to now.")
        String userId;
    }

    static final class ByJti {
        @Option(names = "--jti", required = true, description = "The token id.")
        String jti;

        @Option(
                names = "--exp",
                required = true,
                paramLabel = "INSTANT",
                description = "The token's expiry (ISO-8601, e.g. 2026-11-25T10:30:00Z); kept until then.")
        String exp;
    }

    @Override
    public Integer call() {
        ServerConfig config = options.load(Map.of());
        try (Store store = options.openPopulatedStore(config)) {
            if (target.userId != null) {
                Instant now = Clock.systemUTC().instant();
                if (!store.setTokensValidAfter(target.userId, now)) {
                    throw new CliFailure("no user " + target.userId, 1);
                }
                options.out().println("Tokens of " + target.userId + " issued before " + now + " are revoked.");
            } else {
                store.revoke(new RevokedToken(target.byJti.jti, parseExp(target.byJti.exp)));
                options.out().println("Token " + target.byJti.jti + " is revoked.");
            }
            return 0;
        }
    }

    private static Instant parseExp(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new CliFailure("--exp " + text + ": expected an ISO-8601 instant such as 2026-11-25T10:30:00Z", 2);
        }
    }
}
