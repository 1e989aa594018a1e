package dev.zena.realtime.console;

import dev.zena.realtime.console.client.ServerAddress;
import dev.zena.realtime.console.client.TokenTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console's command line: {@code [--server URL [--token-file PATH] [--allow-insecure-http]] [--connect]
 * [--home DIR]}. A token is never taken from the command line (any user sees it with {@code ps}): it comes from
 * {@code --token-file}, the {@code ZENA_CONSOLE_TOKEN} environment variable, or the connect dialog. A user name and
 * password in the URL are dropped ({@link ServerAddress}); plain http to another host needs
 * {@code --allow-insecure-http} when nobody is asked ({@link #checkUnattendedTransport}).
 *
 * @param serverOrNull        remote server without userinfo, or null for the embedded one
 * @param tokenFileOrNull     file holding the admin token, or null
 * @param isConnectDialog     open the connect dialog at start-up
 * @param home                the console's directory (embedded store, recent servers)
 * @param isHelp              print usage and exit
 * @param isPlainHttpAllowed  {@code --allow-insecure-http}: the token may go in clear text to {@code serverOrNull}
 * @param hasDroppedUserInfo  {@code --server} carried {@code user:pass@}, which was dropped
 */
public record LaunchOptions(
        URI serverOrNull,
        Path tokenFileOrNull,
        boolean isConnectDialog,
        Path home,
        boolean isHelp,
        boolean isPlainHttpAllowed,
        boolean hasDroppedUserInfo) {

    /** Environment variable holding the admin token for {@code --server}. */
    public static final String TOKEN_ENV = "ZENA_CONSOLE_TOKEN";

    /** Usage text. */
    public static final String USAGE = """
            Usage: java -jar zena-console.jar [options]

              (no options)          start an embedded server with demo data and attach to it
              --server URL          attach to a running server, e.g. http://127.0.0.1:8080
              --token-file PATH     read the admin token from PATH (else $ZENA_CONSOLE_TOKEN, else a dialog asks)
              --allow-insecure-http send the token to --server over plain http although it is not this machine
                                    (without it the console refuses, or asks when it shows the connect dialog)
              --connect             open the connect dialog (recent servers are remembered, tokens never)
              --home DIR            the console's directory (default ~/.zena-console)
              --help                this text

            A token is never accepted on the command line: other users can read it with `ps`.
            A user name and password in the URL are dropped: the admin API takes a token, nothing else.
            """;

    /** Called by {@link ConsoleMain} and again by {@link ConsoleApp}; throws with a message for the user. */
    public static LaunchOptions parse(List<String> args) {
        ServerAddress server = null;
        Path tokenFile = null;
        boolean connect = false;
        boolean help = false;
        boolean allowPlainHttp = false;
        Path home = Path.of(System.getProperty("user.home"), ".zena-console");
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--token") || arg.startsWith("--token=")) {
                throw new IllegalArgumentException("--token is refused: a token on the command line is visible to "
                        + "every user through `ps`. Use --token-file PATH or the " + TOKEN_ENV + " variable.");
            }
            switch (arg) {
                case "--server" -> server = server(value(args, ++i, arg));
                case "--token-file" -> tokenFile = Path.of(value(args, ++i, arg));
                case "--connect" -> connect = true;
                case "--allow-insecure-http" -> allowPlainHttp = true;
                case "--home" -> home = Path.of(value(args, ++i, arg));
                case "--help", "-h" -> help = true;
                default -> {
                    if (arg.startsWith("--server=")) {
                        server = server(arg.substring("--server=".length()));
                    } else if (arg.startsWith("--token-file=")) {
                        tokenFile = Path.of(arg.substring("--token-file=".length()));
                    } else {
                        throw new IllegalArgumentException(
                                "Unknown option " + ServerAddress.redact(arg) + "\n\n" + USAGE);
                    }
                }
            }
        }
        if (tokenFile != null && server == null) {
            throw new IllegalArgumentException("--token-file needs --server (the embedded server makes its own token)");
        }
        if (allowPlainHttp && server == null) {
            throw new IllegalArgumentException(
                    "--allow-insecure-http needs --server (it applies to that address " + "only)");
        }
        return new LaunchOptions(
                server == null ? null : server.uri(),
                tokenFile,
                connect,
                home,
                help,
                allowPlainHttp,
                server != null && server.hadUserInfo());
    }

    /**
     * Called before attaching to {@code --server} without asking anything, because the token comes from
     * {@code --token-file} or the environment: throws, with a message for the user, when the token would travel
     * in clear text to another host and {@code --allow-insecure-http} was not given. Without a token at hand the
     * connect dialog opens instead, and the console asks there.
     */
    public void checkUnattendedTransport(Map<String, String> env) {
        if (serverOrNull == null
                || isPlainHttpAllowed
                || !TokenTransport.of(serverOrNull).needsConsent()) {
            return;
        }
        String fromEnv = env.get(TOKEN_ENV);
        boolean hasToken = tokenFileOrNull != null || (fromEnv != null && !fromEnv.isBlank());
        if (hasToken) {
            ServerAddress server = ServerAddress.of(serverOrNull);
            throw new IllegalArgumentException("Refusing to send the admin token unencrypted to " + server.host()
                    + ": " + server + " is plain http to another machine, where anyone on the network path can read "
                    + "and reuse the token. Use https://, or add --allow-insecure-http if you trust that network.");
        }
    }

    /** The admin token for {@code --server}: the token file's content, else the environment's, else empty. */
    public Optional<String> token(Map<String, String> env) {
        if (tokenFileOrNull != null) {
            try {
                String text = Files.readString(tokenFileOrNull, StandardCharsets.UTF_8)
                        .strip();
                return text.isEmpty() ? Optional.empty() : Optional.of(text);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the token file " + tokenFileOrNull, e);
            }
        }
        String fromEnv = env.get(TOKEN_ENV);
        return fromEnv == null || fromEnv.isBlank() ? Optional.empty() : Optional.of(fromEnv.strip());
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    private static ServerAddress server(String text) {
        try {
            return ServerAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--server: " + e.getMessage());
        }
    }
}
