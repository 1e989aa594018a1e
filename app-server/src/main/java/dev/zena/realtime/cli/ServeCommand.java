package dev.zena.realtime.cli;

import dev.zena.realtime.auth.TokenIssuer;
import dev.zena.realtime.config.ConfigException;
import dev.zena.realtime.config.ConfigLoader;
import dev.zena.realtime.config.ServerConfig;
import dev.zena.realtime.server.Server;
import dev.zena.realtime.server.StartRefused;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.sync.DemoData;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code serve}: runs the server until SIGTERM/SIGINT. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Run the WebSocket server (the websocket:serve equivalent).")
final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    /** The demo user whose token {@code --demo} prints. */
    static final String DEMO_USER = "acme-admin";

    @Mixin
    ConfigOptions options;

    @Option(names = "--host", description = "Interface to bind (default 0.0.0.0; 127.0.0.1 with --demo).")
    String host;

    @Option(names = "--port", description = "TCP port (default 8080; 0 = any free port).")
    Integer port;

    @Option(names = "--workers", description = "Threads that process messages and fan out (default: CPUs).")
    Integer workers;

    @Option(
            names = "--demo",
            description = "Local demo: bind 127.0.0.1, load demo data into an empty store, "
                    + "generate a JWT secret if none is configured, print a token.")
    boolean isDemo;

    @Override
    public Integer call() throws Exception {
        ServerConfig config = options.load(flags());
        Store store = ConfigOptions.openStore(config);
        if (isDemo) {
            config = config.withJwt(DemoSecret.ensure(config)).withPublish(DemoSecret.ensurePublish(config));
            if (DemoData.loadIfEmpty(store)) {
                options.out().println("Loaded the demo data set (see docs/demo-data.md).");
            }
        } else if (store.tenants().isEmpty()) {
            // A fresh install starts before its first admin exists: serve anyway, and say which store and what next.
            LOG.warn(
                    "store_empty db={} hint=\"no tenant and no user yet: create a first admin with zena-server init "
                            + "(docs/operations.md#first-admin), or check that db is the store you meant\"",
                    StoreWhereabouts.where(config.db()));
        }
        try {
            ConfigLoader.requireVerificationKey(config);
        } catch (ConfigException e) {
            store.close();
            throw new CliFailure(e.getMessage(), 1);
        }
        Server server;
        try {
            server = Server.start(config, store, Clock.systemUTC());
        } catch (StartRefused e) {
            store.close();
            throw new CliFailure(e.getMessage(), 1);
        }
        if (isDemo) {
            printDemoHelp(config, store, server.port());
        }
        awaitShutdown(server, store);
        return 0;
    }

    private Map<String, String> flags() {
        Map<String, String> flags = new HashMap<>();
        if (host != null) {
            flags.put("host", host);
        } else if (isDemo) {
            flags.put("host", "127.0.0.1");
        }
        if (port != null) {
            flags.put("port", port.toString());
        }
        if (workers != null) {
            flags.put("workers", workers.toString());
        }
        if (isDemo) {
            flags.put("debug_page", "true");
        }
        return flags;
    }

    private void printDemoHelp(ServerConfig config, Store store, int boundPort) {
        store.user(DEMO_USER).ifPresent(user -> {
            String token = new TokenIssuer(config.jwt(), Clock.systemUTC()).issue(user, Duration.ofHours(8));
            String host = config.host().equals("0.0.0.0") ? "127.0.0.1" : config.host();
            options.out().println();
            options.out().println("Zena Realtime demo is up on http://" + host + ":" + boundPort);
            options.out()
                    .println("Token for " + user.name() + " (" + user.id() + ", "
                            + user.role().wireName() + ", tenant " + user.tenantId() + "), valid 8 h:");
            options.out().println(token);
            options.out().println("Connect and subscribe (Node.js):");
            options.out()
                    .println("  npx -y wscat -c \"ws://" + host + ":" + boundPort + "/ws?token=" + token
                            + "\" -x '{\"type\":\"subscribe\",\"channels\":[\"project.acme-tower\",\"dashboard."
                            + user.id() + "\"]}' -w 3600");
            options.out().println("More tokens: java -jar app-server/target/zena-server.jar token --user acme-member");
            printPublishHelp(config, host, boundPort);
            options.out()
                    .println("Reset the demo: stop the server, delete " + config.db() + " (and its -wal/-shm "
                            + "files), start it again (docs/demo-data.md).");
            // The token rides in the fragment, which a browser never sends to the server (so no log carries it).
            options.out()
                    .println("Debug page (signed in with this token): http://" + host + ":" + boundPort
                            + "/debug#token=" + token);
        });
    }

    /**
     * The publish key and where its secret is, and one line of shell that signs and sends an event (SPEC §6), so
     * that a demo user sees the backend's side work without writing a client.
     */
    private void printPublishHelp(ServerConfig config, String host, int boundPort) {
        boolean isKept = DemoSecret.DEMO_PUBLISH_KEY.equals(config.publish().key());
        String secret = isKept
                ? "$(cat " + DemoSecret.publishFileFor(config.db()).toAbsolutePath() + ")"
                : "$WEBSOCKET_PUBLISH_SECRET";
        options.out()
                .println("Publish as the backend (key " + config.publish().key()
                        + (isKept
                                ? ", secret in "
                                        + DemoSecret.publishFileFor(config.db()).toAbsolutePath() + "):"
                                : ", the configured secret):"));
        options.out()
                .println("  S=" + secret + "; B='{\"tenant_id\":\"acme\",\"channel\":\"project.acme-tower\","
                        + "\"event\":\"project.updated\",\"data\":{\"name\":\"Tower\"}}'; T=$(date +%s); curl -sS -X POST "
                        + "http://" + host + ":" + boundPort + "/api/v1/broadcast -H 'Content-Type: application/json' "
                        + "-H 'X-Zena-Key: " + config.publish().key() + "' -H \"X-Zena-Timestamp: $T\" "
                        + "-H \"X-Zena-Signature: $(printf '%s.%s' \"$T\" \"$B\" | openssl dgst -sha256 -hmac \"$S\" -hex "
                        + "| sed 's/^.*= //')\" --data-binary \"$B\"");
    }

    /**
     * Runs until SIGTERM or SIGINT, then drains (SPEC: readiness 503, handshakes refused, connections closed with
     * 1001 within drain.timeout), stops the server and closes the store, and returns 0 so the process exits 0.
     * The signals are caught (rather than left to the JVM, which would exit 143) when the JVM allows it; a
     * shutdown hook does the same work for any other way the JVM ends.
     */
    private static void awaitShutdown(Server server, Store store) throws InterruptedException {
        CountDownLatch signalled = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stop = () -> {
            synchronized (stopped) {
                if (stopped.getCount() > 0) {
                    server.close();
                    store.close();
                    stopped.countDown();
                }
            }
        };
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            signalled.countDown();
                            stop.run();
                        },
                        "zena-shutdown"));
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> signalled.countDown());
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // The JVM keeps this signal (-Xrs, or in use): the shutdown hook handles it instead.
            }
        }
        signalled.await();
        stop.run();
    }
}
