package dev.zena.realtime.cli;

import dev.zena.realtime.config.ConfigException;
import dev.zena.realtime.config.ConfigLoader;
import dev.zena.realtime.config.ServerConfig;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code config check} / {@code config print}: validate or show the effective configuration. */
@Command(
        name = "config",
        mixinStandardHelpOptions = true,
        description = "Validate or print the configuration.",
        subcommands = {ConfigCommand.Check.class, ConfigCommand.Print.class})
final class ConfigCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Exit 0 when the configuration is valid and serve could start with it, 1 otherwise. */
    @Command(
            name = "check",
            mixinStandardHelpOptions = true,
            description = "Validate the effective configuration (exit 0 valid, 1 invalid).")
    static final class Check implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Override
        public Integer call() {
            ServerConfig config = options.load(Map.of());
            try {
                ConfigLoader.requireVerificationKey(config);
            } catch (ConfigException e) {
                throw new CliFailure("configuration: " + e.getMessage(), 1);
            }
            options.out().println("configuration ok");
            return 0;
        }
    }

    /** Prints every setting's effective value and where it came from, secrets masked. */
    @Command(
            name = "print",
            mixinStandardHelpOptions = true,
            description = "Print the effective configuration (secrets masked).")
    static final class Print implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Override
        public Integer call() {
            options.load(Map.of());
            options.out().println(options.printEffective());
            return 0;
        }
    }
}
