package dev.zena.realtime.admin;

import dev.zena.realtime.access.AccessPolicy;
import dev.zena.realtime.access.ChannelCatalog;
import dev.zena.realtime.auth.TokenIssuer;
import dev.zena.realtime.auth.TokenValidator;
import dev.zena.realtime.broker.MemoryBroker;
import dev.zena.realtime.config.ConfigLoader;
import dev.zena.realtime.config.ServerConfig;
import dev.zena.realtime.http.HttpServer;
import dev.zena.realtime.http.Services;
import dev.zena.realtime.hub.Hub;
import dev.zena.realtime.protocol.WireCodec;
import dev.zena.realtime.store.SqliteStore;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.sync.Importer;
import dev.zena.realtime.testing.TestServer;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HTTP server alone, wired by hand like {@code server.Server} does, with a chosen {@link TrafficSource} and
 * no ticker (the test calls {@link #sweep()}); for what the full server cannot be given yet.
 */
public final class HttpHarness implements AutoCloseable {

    private final Store store;
    private final ExecutorService workers;
    private final HttpServer http;
    private final TokenIssuer issuer;

    private HttpHarness(Store store, ExecutorService workers, HttpServer http, TokenIssuer issuer) {
        this.store = store;
        this.workers = workers;
        this.http = http;
        this.issuer = issuer;
    }

    /** Starts on a free port with the basic fixture and {@code traffic} (may be null). */
    public static HttpHarness start(Path dir, TrafficSource traffic) throws Exception {
        ServerConfig config = ConfigLoader.load(null, Map.of(), Map.of("host", "127.0.0.1", "port", "0",
                "db", dir.resolve("harness.db").toString(), "jwt.secret", TestServer.SECRET));
        Store store = SqliteStore.open(config.db());
        new Importer(store).importDocument(TestServer.resource("fixtures/basic.json"), false);
        Clock clock = Clock.systemUTC();
        WireCodec codec = new WireCodec();
        ChannelCatalog catalog = new ChannelCatalog(config.channels());
        Hub hub = new Hub(codec);
        MemoryBroker broker = new MemoryBroker(clock, 200, Duration.ofMinutes(10));
        broker.attach(hub::deliver);
        ExecutorService workers = Executors.newFixedThreadPool(2);
        Services services = new Services(config, store, clock, codec, new TokenValidator(config.jwt(), store, clock),
                new AccessPolicy(store, catalog), catalog, hub, broker, workers, clock.instant(),
                dev.zena.realtime.limits.Limits.of(config, clock), new dev.zena.realtime.metrics.Metrics(hub, clock,
                config.metricsTenantTags()), traffic);
        return new HttpHarness(store, workers, HttpServer.start(services), new TokenIssuer(config.jwt(), clock));
    }

    public int port() {
        return http.port();
    }

    public HttpServer http() {
        return http;
    }

    /** What the server's ticker would do. */
    public void sweep() {
        http.sweep();
    }

    /** A valid token for a fixture user. */
    public String token(String userId) {
        return issuer.issue(store.user(userId).orElseThrow(), Duration.ofHours(1));
    }

    @Override
    public void close() {
        http.close();
        workers.shutdownNow();
        store.close();
    }
}
