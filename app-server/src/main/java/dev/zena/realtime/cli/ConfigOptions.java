package dev.zena.realtime.cli;

import dev.zena.realtime.config.ConfigException;
import dev.zena.realtime.config.ConfigLoader;
import dev.zena.realtime.config.ConfigPrinter;
import dev.zena.realtime.config.ServerConfig;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.Stores;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options every subcommand shares ({@code --config}) and the one way each of them loads configuration and
 * opens (creating or migrating) the store.
 */
public class ConfigOptions {

    /** The environment variable naming the configuration file when {@code --config} is not given. */
    static final String CONFIG_ENV = "ZENA_CONFIG";

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "YAML configuration file (dotted keys); default: $ZENA_CONFIG, else none.")
    Path configFile;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    private Map<String, String> env = System.getenv();

    /** Called by the command factory: the environment to read {@code WEBSOCKET_*} settings from. */
    void environment(Map<String, String> newEnv) {
        this.env = newEnv;
    }

    /** Loads defaults < file < environment < these flags; a bad setting is a one-line failure, exit 1. */
    ServerConfig load(Map<String, String> flags) {
        try {
            return ConfigLoader.load(configFile(), env, new HashMap<>(flags));
        } catch (ConfigException e) {
            throw new CliFailure("configuration: " + e.getMessage(), 1);
        }
    }

    /** Where a command prints its result (the command line's output stream; tests capture it). */
    PrintWriter out() {
        return command.commandLine().getOut();
    }

    /** Opens the configured store, creating or migrating it, logging in with {@code db.user} / {@code db.password}. */
    static Store openStore(ServerConfig config) {
        return Stores.open(
                config.db(),
                config.dbCredentials().user(),
                config.dbCredentials().password(),
                Clock.systemUTC());
    }

    /** The configuration file read: {@code --config}, else {@code $ZENA_CONFIG}, else none (null). */
    Path configFile() {
        if (configFile != null) {
            return configFile;
        }
        String named = env.get(CONFIG_ENV);
        return named == null || named.isBlank() ? null : Path.of(named);
    }

    /**
     * Called by the commands that look users up ({@code token}, {@code check}, {@code revoke}): opens the store
     * as {@link #openStore} does, and refuses one with no tenant, naming the store and where its setting came
     * from, rather than answering "no user X" about a database the operator did not mean.
     */
    Store openPopulatedStore(ServerConfig config) {
        boolean existed = StoreWhereabouts.exists(config.db());
        Store store = openStore(config);
        if (!store.tenants().isEmpty()) {
            return store;
        }
        store.close();
        throw new CliFailure(StoreWhereabouts.emptyStoreMessage(config.db(), existed, dbOrigin(), configFile()), 1);
    }

    private String dbOrigin() {
        try {
            return ConfigLoader.effective(configFile(), env, Map.of())
                    .get(dev.zena.realtime.config.Settings.find("db").orElseThrow())
                    .origin()
                    .label();
        } catch (ConfigException e) {
            return "unknown";
        }
    }

    /** The effective configuration as {@code key = value  (origin)} lines, secrets masked. */
    String printEffective() {
        try {
            return ConfigPrinter.text(ConfigLoader.effective(configFile(), env, Map.of()));
        } catch (ConfigException e) {
            throw new CliFailure("configuration: " + e.getMessage(), 1);
        }
    }
}
