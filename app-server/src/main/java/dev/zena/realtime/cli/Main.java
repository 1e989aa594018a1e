package dev.zena.realtime.cli;

/**
 * The executable jar's entry point. It lives in {@code cli} (not {@code server}) so that the dependency runs one
 * way: the command line uses the server, never the reverse.
 */
public final class Main {
    private Main() {}

    /** Called by {@code java -jar zena-server.jar <subcommand> ...}. */
    public static void main(String[] args) {
        int code = ZenaCommand.commandLine(System.getenv()).execute(args);
        // serve returns only from its shutdown hook, where System.exit would block: let the JVM finish instead.
        if (code != 0 || args.length == 0 || !"serve".equals(args[0])) {
            System.exit(code);
        }
    }
}
