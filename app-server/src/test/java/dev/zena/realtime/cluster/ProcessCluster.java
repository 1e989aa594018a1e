package dev.zena.realtime.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zena.realtime.auth.TokenIssuer;
import dev.zena.realtime.config.ConfigLoader;
import dev.zena.realtime.publish.SignedRequests;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.Stores;
import dev.zena.realtime.sync.Importer;
import dev.zena.realtime.testing.TestPostgres;
import dev.zena.realtime.testing.TestRedis;
import dev.zena.realtime.testing.TestServer;
import dev.zena.realtime.testing.WsClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * What the tests of cluster processes share: one new PostgreSQL database loaded with the basic fixture and one
 * Redis prefix (the cluster), the {@code WEBSOCKET_*} environment of a node of it, tokens, clients and the
 * backend's signed broadcast — addressed by URL, so that a node or the load balancer in front of them can serve.
 */
final class ProcessCluster implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String db;
    private final String prefix;
    private final Store store;
    private final TokenIssuer issuer;

    private ProcessCluster(String db, String prefix, Store store, TokenIssuer issuer) {
        this.db = db;
        this.prefix = prefix;
        this.store = store;
        this.issuer = issuer;
    }

    /** A new cluster's shared state: a database with the fixture, a prefix nobody else uses. */
    static ProcessCluster create() throws Exception {
        return create(TestPostgres.shared());
    }

    /** As {@link #create()}, on a PostgreSQL server of the caller's (one a test may stop and start). */
    static ProcessCluster create(TestPostgres server) throws Exception {
        String db = server.createDatabase();
        Store store = Stores.open(db);
        new Importer(store).importDocument(TestServer.resource("fixtures/basic.json"), false);
        TokenIssuer issuer = new TokenIssuer(
                ConfigLoader.load(null, Map.of(), Map.of("jwt.secret", TestServer.SECRET, "db", db))
                        .jwt(),
                Clock.systemUTC());
        return new ProcessCluster(db, TestRedis.newPrefix(), store, issuer);
    }

    /** A node's whole configuration, as an operator writes it in cluster.env (plus its own node id). */
    Map<String, String> env(String nodeId) {
        Map<String, String> env = new HashMap<>();
        env.put("WEBSOCKET_BROKER", "redis");
        env.put("WEBSOCKET_REDIS_URL", TestRedis.get().url());
        env.put("WEBSOCKET_REDIS_PREFIX", prefix);
        env.put("WEBSOCKET_DB", db);
        env.put("WEBSOCKET_NODE_ID", nodeId);
        env.put("WEBSOCKET_JWT_SECRET", TestServer.SECRET);
        env.put("WEBSOCKET_PUBLISH_KEY", SignedRequests.KEY);
        env.put("WEBSOCKET_PUBLISH_SECRET", SignedRequests.SECRET);
        env.put("WEBSOCKET_WORKERS", "2");
        env.put("WEBSOCKET_DRAIN_TIMEOUT", "5s");
        env.put("WEBSOCKET_TRUSTED_PROXIES", "127.0.0.1");
        // every client of the test comes from 127.0.0.1
        env.put("WEBSOCKET_LIMITS_HANDSHAKES_PER_IP", "100000");
        env.put("WEBSOCKET_LIMITS_CONNECTIONS_PER_IP", "100000");
        return env;
    }

    /** A token for {@code user}, valid for an hour. */
    String token(String user) {
        return issuer.issue(store.user(user).orElseThrow(), Duration.ofHours(1));
    }

    /** A client of {@code ws} authenticated as {@code user}, greeting and reply read. */
    WsClient clientAs(URI ws, String user) {
        WsClient client = WsClient.connect(ws);
        client.nextOfType("connection");
        String token = issuer.issue(store.user(user).orElseThrow(), Duration.ofHours(1));
        JsonNode reply = client.request("{\"type\":\"authenticate\",\"token\":\"" + token + "\"}");
        assertThat(reply.path("type").asText()).as(reply.toString()).isEqualTo("authentication");
        return client;
    }

    /** As {@link #clientAs}, subscribed to {@code channel} (granted). */
    WsClient subscribed(URI ws, String user, String channel) {
        WsClient client = clientAs(ws, user);
        JsonNode reply = client.request("{\"type\":\"subscribe\",\"channels\":[\"" + channel + "\"]}");
        assertThat(reply.path("granted")).as(reply.toString()).hasSize(1);
        return client;
    }

    /** A signed {@code POST /api/v1/broadcast} of event {@code n} to acme's {@code channel}, as a backend sends it. */
    static HttpResponse<String> broadcast(URI base, String channel, int n) {
        byte[] body = ("{\"tenant_id\":\"acme\",\"channel\":\"" + channel + "\",\"event\":\"e\",\"data\":{\"n\":" + n
                        + "}}")
                .getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/api/v1/broadcast"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        SignedRequests.signed(body).forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next message, which must be an {@code event}. */
    static JsonNode nextEvent(WsClient client, Duration wait) {
        JsonNode message = client.next(wait);
        assertThat(message.path("type").asText()).as(message.toString()).isEqualTo("event");
        return message;
    }

    @Override
    public void close() {
        store.close();
    }
}
