package dev.zena.realtime.admin;

import dev.zena.realtime.auth.TokenIssuer;
import dev.zena.realtime.config.ConfigLoader;
import dev.zena.realtime.config.ServerConfig;
import dev.zena.realtime.http.HttpServer;
import dev.zena.realtime.server.Wiring;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.Stores;
import dev.zena.realtime.sync.Importer;
import dev.zena.realtime.testing.TestServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The server as {@code server.Server} wires it ({@link Wiring}), with a chosen {@link TrafficSource} and no ticker
 * (the test calls {@link #sweep()}); for what the full server cannot be given.
 */
public final class HttpHarness implements AutoCloseable {

    private final Store store;
    private final Wiring wiring;
    private final TokenIssuer issuer;

    private HttpHarness(Store store, Wiring wiring, TokenIssuer issuer) {
        this.store = store;
        this.wiring = wiring;
        this.issuer = issuer;
    }

    /** Starts on a free port with the basic fixture and {@code traffic} (may be null). */
    public static HttpHarness start(Path dir, TrafficSource traffic) throws Exception {
        ServerConfig config = ConfigLoader.load(
                null,
                Map.of(),
                Map.of(
                        "host",
                        "127.0.0.1",
                        "port",
                        "0",
                        "db",
                        dir.resolve("harness.db").toString(),
                        "jwt.secret",
                        TestServer.SECRET,
                        "workers",
                        "2"));
        Store store = Stores.open(config.db());
        new Importer(store).importDocument(TestServer.resource("fixtures/basic.json"), false);
        Clock clock = Clock.systemUTC();
        return new HttpHarness(
                store, Wiring.start(config, store, clock, metrics -> traffic), new TokenIssuer(config.jwt(), clock));
    }

    public int port() {
        return wiring.port();
    }

    public HttpServer http() {
        return wiring.http();
    }

    /** What the server's ticker would do to the sockets. */
    public void sweep() {
        wiring.sweep();
    }

    /** A valid token for a fixture user. */
    public String token(String userId) {
        return token(userId, Duration.ofHours(1));
    }

    /** A token for a fixture user that expires {@code ttl} from now. */
    public String token(String userId, Duration ttl) {
        return issuer.issue(store.user(userId).orElseThrow(), ttl);
    }

    @Override
    public void close() {
        wiring.close();
        store.close();
    }
}
