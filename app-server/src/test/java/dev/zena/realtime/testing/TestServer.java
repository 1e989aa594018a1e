package dev.zena.realtime.testing;

import dev.zena.realtime.auth.TokenIssuer;
import dev.zena.realtime.config.ConfigException;
import dev.zena.realtime.config.ConfigLoader;
import dev.zena.realtime.config.ServerConfig;
import dev.zena.realtime.server.Server;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.Stores;
import dev.zena.realtime.store.User;
import dev.zena.realtime.sync.Importer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The real server on 127.0.0.1 and a free port, with SQLite in a temp dir loaded with a fixture, a known
 * HS256 secret, and helpers to mint tokens and make HTTP requests.
 */
public final class TestServer implements AutoCloseable {

    public static final String SECRET = "test-secret-0123456789-test-secret-0123456789";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ServerConfig config;
    private final Store store;
    private final Server server;
    private final TokenIssuer issuer;

    private TestServer(ServerConfig config, Store store, Server server, Clock clock) {
        this.config = config;
        this.store = store;
        this.server = server;
        this.issuer = new TokenIssuer(config.jwt(), clock);
    }

    /** Starts with the {@code fixtures/basic.json} data and default settings. */
    public static TestServer start(Path dir) {
        return start(dir, Map.of(), "fixtures/basic.json");
    }

    /** Starts with a fixture from the test class path and extra settings (dotted keys, as flags). */
    public static TestServer start(Path dir, Map<String, String> settings, String fixture) {
        return start(dir, settings, fixture, Clock.systemUTC());
    }

    /** As {@link #start(Path, Map, String)}, the server (and the tokens minted here) timed by {@code clock}. */
    public static TestServer start(Path dir, Map<String, String> settings, String fixture, Clock clock) {
        try {
            ServerConfig config = config(dir, settings);
            Store store = Stores.open(config.db());
            if (fixture != null) {
                new Importer(store).importDocument(resource(fixture), false);
            }
            return new TestServer(config, store, Server.start(config, store, clock), clock);
        } catch (Exception e) {
            throw new IllegalStateException("test server did not start", e);
        }
    }

    /**
     * The configuration {@link #start} runs with, for a test that starts its {@link Server} itself: 127.0.0.1 on a
     * free port, two workers, a SQLite file in {@code dir}, {@link #SECRET}, per-address limits raised; then
     * {@code settings} (dotted keys, as flags).
     */
    public static ServerConfig config(Path dir, Map<String, String> settings) throws ConfigException {
        Map<String, String> flags = new HashMap<>();
        flags.put("host", "127.0.0.1");
        flags.put("port", "0");
        flags.put("workers", "2");
        flags.put("db", dir.resolve("zena.db").toString());
        flags.put("jwt.secret", SECRET);
        // Every test client comes from 127.0.0.1: the per-address limits would otherwise throttle whole test
        // classes. Tests of those limits set them explicitly.
        flags.put("limits.handshakes_per_ip", "100000");
        flags.put("limits.connections_per_ip", "100000");
        flags.putAll(settings);
        return ConfigLoader.load(null, Map.of(), flags);
    }

    /** Bytes of a test class-path resource. */
    public static byte[] resource(String name) {
        try (InputStream in = TestServer.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ServerConfig config() {
        return config;
    }

    public Store store() {
        return store;
    }

    public Server server() {
        return server;
    }

    public int port() {
        return server.port();
    }

    /**
     * Publishes an event through the server's broker, as every publishing path does; answers how many
     * connections of this server it was queued to. The tenant is not checked against the channel here, so a test
     * can publish across the tenant fence to prove that delivery checks it again.
     */
    public int publish(String tenantId, String channel, String event, com.fasterxml.jackson.databind.JsonNode data) {
        return server.broker().publish(new dev.zena.realtime.broker.Envelope(tenantId, channel, event, data, false));
    }

    /** {@code ws://127.0.0.1:PORT/ws} plus an optional query string. */
    public URI ws(String query) {
        return URI.create("ws://127.0.0.1:" + port() + "/ws" + (query == null ? "" : "?" + query));
    }

    /** A connected client, not yet authenticated, with the greeting already read. */
    public WsClient client() {
        WsClient client = WsClient.connect(ws(null));
        client.nextOfType("connection");
        return client;
    }

    /** A connected client authenticated as {@code userId}, greeting and authentication reply read. */
    public WsClient clientAs(String userId) {
        WsClient client = client();
        client.send("{\"type\":\"authenticate\",\"token\":\"" + token(userId) + "\"}");
        String type = client.next().path("type").asText();
        if (!"authentication".equals(type)) {
            throw new AssertionError("authentication refused for " + userId);
        }
        return client;
    }

    /** A valid token for a stored user, 1 hour. */
    public String token(String userId) {
        return token(userId, Duration.ofHours(1));
    }

    /** A valid token for a stored user with a lifetime. */
    public String token(String userId, Duration ttl) {
        User user = store.user(userId).orElseThrow(() -> new IllegalArgumentException("no user " + userId));
        return issuer.issue(user, ttl);
    }

    /** {@code http://127.0.0.1:PORT} + path. */
    public URI http(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    /** A GET with an optional bearer token. */
    public HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(http(path))
                .timeout(Duration.ofSeconds(10))
                .GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    /** A request with a JSON body and an optional bearer token. */
    public HttpResponse<String> send(String method, String path, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(http(path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json == null ? "" : json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
        store.close();
    }
}
