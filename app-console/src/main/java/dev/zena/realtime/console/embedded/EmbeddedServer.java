package dev.zena.realtime.console.embedded;

import dev.zena.realtime.auth.TokenIssuer;
import dev.zena.realtime.config.ConfigException;
import dev.zena.realtime.config.ConfigLoader;
import dev.zena.realtime.config.ServerConfig;
import dev.zena.realtime.server.Server;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.Stores;
import dev.zena.realtime.store.User;
import dev.zena.realtime.sync.DemoData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server the console runs in-process when started without {@code --server}: bound to 127.0.0.1, store
 * {@code embedded.db} in the console's home loaded with the demo data when empty, JWT secret generated once and
 * kept beside the store (mode 0600). Mints the console's admin token for the demo super_admin
 * ({@value #ADMIN_USER}) in-process; the console then attaches through the admin API like to any server.
 */
public final class EmbeddedServer implements ServerControl {

    /** The demo super_admin whose admin.global token the console uses. */
    public static final String ADMIN_USER = "acme-super";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServer.class);
    private static final Duration TOKEN_TTL = Duration.ofHours(12);
    private static final Duration TOKEN_RENEW_AFTER = Duration.ofHours(1);

    private final Path home;
    private final Path db;
    private final Clock clock;
    private final Map<String, String> env;
    private int port;
    private Server server;
    private Store store;
    private ServerConfig config;
    private volatile Instant startedAt;
    private String token;
    private Instant tokenIssuedAt;

    private EmbeddedServer(Path home, Clock clock, Map<String, String> env) {
        this.home = home;
        this.db = home.resolve("embedded.db");
        this.clock = clock;
        this.env = env;
    }

    /** Called by the console at start-up with its home (default {@code ~/.zena-console}); does not start. */
    public static EmbeddedServer in(Path home, Clock clock) {
        return new EmbeddedServer(home, clock, Map.of());
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }

    @Override
    public synchronized URI address() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public Instant startedAt() {
        return startedAt;
    }

    @Override
    public Path storeLocation() {
        return db;
    }

    @Override
    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + home, e);
        }
        config = configure(port);
        store = Stores.open(config.db(), clock);
        try {
            if (DemoData.loadIfEmpty(store)) {
                LOG.info("console_demo_loaded db={}", db);
            }
            server = startOn(config);
        } catch (RuntimeException e) {
            store.close();
            store = null;
            throw e;
        }
        port = server.port();
        startedAt = clock.instant();
        token = null;
        LOG.info("console_embedded_started port={} db={}", port, db);
    }

    @Override
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.close();
        store.close();
        server = null;
        store = null;
        startedAt = null;
        LOG.info("console_embedded_stopped port={}", port);
    }

    @Override
    public synchronized String adminToken() {
        Instant now = clock.instant();
        if (token == null || tokenIssuedAt.plus(TOKEN_RENEW_AFTER).isBefore(now)) {
            if (store == null) {
                // stopped: the last token is all there is; the server will refuse it anyway
                return token == null ? "" : token;
            }
            User admin = store.user(ADMIN_USER)
                    .orElseThrow(() -> new IllegalStateException(
                            "the embedded store has no " + ADMIN_USER + " (was " + db + " edited?)"));
            token = new TokenIssuer(config.jwt(), clock).issue(admin, TOKEN_TTL);
            tokenIssuedAt = now;
        }
        return token;
    }

    private Server startOn(ServerConfig wanted) {
        try {
            return Server.start(wanted, store, clock);
        } catch (RuntimeException e) {
            if (wanted.port() == 0) {
                throw e;
            }
            LOG.warn("console_embedded_port_taken port={}, taking any free port", wanted.port());
            config = wanted.withAddress("127.0.0.1", 0);
            return Server.start(config, store, clock);
        }
    }

    private ServerConfig configure(int wantedPort) {
        ServerConfig loaded;
        try {
            loaded = ConfigLoader.load(
                    null, env, Map.of("host", "127.0.0.1", "port", Integer.toString(wantedPort), "db", db.toString()));
        } catch (ConfigException e) {
            throw new IllegalStateException("embedded server configuration: " + e.getMessage(), e);
        }
        return loaded.jwt().hasVerificationKey()
                ? loaded
                : loaded.withJwt(loaded.jwt().withSecret(keptSecret()));
    }

    private String keptSecret() {
        Path file = home.resolve("embedded.db.jwt-secret");
        try {
            if (!Files.exists(file)) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, HexFormat.of().formatHex(random), StandardCharsets.US_ASCII);
            }
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the embedded server's secret in " + file, e);
        }
    }
}
