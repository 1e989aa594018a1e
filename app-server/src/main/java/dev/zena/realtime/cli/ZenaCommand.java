package dev.zena.realtime.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root of the command line: {@code zena-server <subcommand>}. */
@Command(
        name = "zena-server",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = "Zena Realtime: the multi-tenant WebSocket server of ZenaManage.",
        subcommands = {
            ServeCommand.class,
            InitCommand.class,
            ImportCommand.class,
            TokenCommand.class,
            RevokeCommand.class,
            CheckCommand.class,
            ConfigCommand.class,
            VersionCommand.class
        })
public final class ZenaCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Called when no subcommand is given: prints usage. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Builds the command line with the process environment; used by {@code Main} and by tests. */
    public static CommandLine commandLine(java.util.Map<String, String> env) {
        CommandLine cli = new CommandLine(new ZenaCommand(), new Factory(env));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("error: " + e.getMessage());
            return e instanceof CliFailure failure ? failure.exitCode() : 1;
        });
        return cli;
    }

    /** Gives every subcommand the environment it reads configuration from (tests pass their own). */
    private record Factory(java.util.Map<String, String> env) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            K instance = CommandLine.defaultFactory().create(cls);
            if (instance instanceof ConfigOptions options) {
                options.environment(env);
            }
            return instance;
        }
    }
}
