package dev.zena.realtime.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zena.realtime.config.ConfigLoader;
import dev.zena.realtime.config.ServerConfig;
import dev.zena.realtime.server.Server;
import dev.zena.realtime.server.StartRefused;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.Stores;
import dev.zena.realtime.testing.ClusterNode;
import dev.zena.realtime.testing.TestPostgres;
import dev.zena.realtime.testing.TestRedis;
import dev.zena.realtime.testing.TestServer;
import dev.zena.realtime.testing.WsClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §11 in one JVM: two nodes on one real Redis and one real PostgreSQL (both started by the tests) are one
 * server to every client: an event published on either reaches subscribers of both, once, with one offset;
 * recovery and presence work across nodes; revocation reaches the other node; a node whose key or store differs
 * refuses to start.
 */
@Timeout(120)
class ClusterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static String db;
    static String prefix;
    static TestServer a;
    static TestServer b;

    static Map<String, String> node(String id) {
        return ClusterNode.settings(db, prefix, id);
    }

    @BeforeAll
    static void start() {
        db = TestPostgres.shared().createDatabase();
        prefix = TestRedis.newPrefix();
        a = TestServer.start(dir.resolve("a"), node("node-a"), "fixtures/basic.json");
        b = TestServer.start(dir.resolve("b"), node("node-b"), null);
    }

    @AfterAll
    static void stop() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    private static WsClient subscribed(TestServer node, String user, String channel) {
        WsClient client = node.clientAs(user);
        JsonNode reply = client.request("{\"type\":\"subscribe\",\"channels\":[\"" + channel + "\"]}");
        assertThat(reply.path("granted")).as(reply.toString()).hasSize(1);
        return client;
    }

    @Test
    void anEventPublishedOnOneNodeReachesSubscribersOfBothOnceWithOneOffset() {
        try (WsClient onA = subscribed(a, "acme-member", "project.acme-tower");
                WsClient onB = subscribed(b, "acme-admin", "project.acme-tower")) {
            b.publish("acme", "project.acme-tower", "e", JSON.createObjectNode().put("n", 1));
            a.publish("acme", "project.acme-tower", "e", JSON.createObjectNode().put("n", 2));
            JsonNode a1 = onA.nextOfType("event");
            JsonNode a2 = onA.nextOfType("event");
            JsonNode b1 = onB.nextOfType("event");
            JsonNode b2 = onB.nextOfType("event");
            assertThat(a2.path("offset").asLong()).isEqualTo(a1.path("offset").asLong() + 1);
            assertThat(b1.path("offset").asLong()).isEqualTo(a1.path("offset").asLong());
            assertThat(b2.path("offset").asLong()).isEqualTo(a2.path("offset").asLong());
            assertThat(b1.path("epoch").asText()).isEqualTo(a1.path("epoch").asText());
            assertThat(a1.path("data").path("n").asInt()).isEqualTo(1);
            onA.send("{\"type\":\"ping\",\"id\":\"sentinel\"}");
            assertThat(onA.next().path("type").asText())
                    .as("no duplicate before the sentinel")
                    .isEqualTo("pong");
        }
    }

    @Test
    void aClientMovingToTheOtherNodeRecoversWhatWasPublishedMeanwhile() {
        JsonNode position;
        try (WsClient onA = subscribed(a, "acme-member", "task.acme-t1")) {
            onA.send("{\"type\":\"subscribe\",\"channels\":[\"task.acme-t1\"]}");
            position = onA.nextOfType("subscription").path("positions").path("task.acme-t1");
        }
        for (int i = 1; i <= 3; i++) {
            a.publish("acme", "task.acme-t1", "e", JSON.createObjectNode().put("n", i));
        }
        try (WsClient onB = b.clientAs("acme-member")) {
            JsonNode reply = onB.request("{\"type\":\"subscribe\",\"channels\":[\"task.acme-t1\"],\"since\":"
                    + "{\"task.acme-t1\":" + position + "}}");
            assertThat(reply.path("recovery")
                            .path("task.acme-t1")
                            .path("recovered")
                            .asBoolean())
                    .as(reply.toString())
                    .isTrue();
            for (int i = 1; i <= 3; i++) {
                JsonNode event = onB.next();
                assertThat(event.path("offset").asLong())
                        .isEqualTo(position.path("offset").asLong() + i);
                assertThat(event.path("recovered").asBoolean()).isTrue();
            }
        }
    }

    @Test
    void presenceIsPerUserAcrossNodes() {
        try (WsClient onA = subscribed(a, "acme-pm", "project.acme-bridge");
                WsClient onB = subscribed(b, "acme-pm", "project.acme-bridge")) {
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                JsonNode presence = onA.request("{\"type\":\"presence\",\"channel\":\"project.acme-bridge\"}");
                assertThat(presence.path("count").asInt()).isEqualTo(1);
                assertThat(presence.path("users").get(0).path("connections").asInt())
                        .isEqualTo(2);
            });
        }
    }

    @Test
    void aRevocationMadeThroughOneNodesStoreClosesTheConnectionOnTheOther() {
        try (WsClient onB = b.clientAs("acme-client")) {
            a.store().setTokensValidAfter("acme-client", Instant.now().plusSeconds(5));
            assertThat(onB.awaitClose(Duration.ofSeconds(3))).isEqualTo(4003);
            assertThat(onB.closeReason()).isEqualTo("token_revoked");
        } finally {
            a.store().setTokensValidAfter("acme-client", Instant.EPOCH);
        }
    }

    @Test
    void aNodeWhoseKeyOrStoreDiffersOrOnSqliteRefusesToStart() {
        Map<String, String> otherKey = node("node-x");
        otherKey.put("jwt.secret", "another-secret-0123456789-another-secret-0123456789");
        assertThat(refusal(otherKey)).contains("JWT key");
        Map<String, String> otherStore = node("node-y");
        otherStore.put("db", TestPostgres.shared().createDatabase());
        assertThat(refusal(otherStore)).contains("store");
        Map<String, String> sqlite = node("node-z");
        sqlite.put("db", dir.resolve("z.db").toString());
        assertThat(refusal(sqlite)).contains("PostgreSQL");
    }

    private static String refusal(Map<String, String> settings) {
        Map<String, String> flags = new HashMap<>(settings);
        flags.putIfAbsent("jwt.secret", TestServer.SECRET);
        flags.put("host", "127.0.0.1");
        flags.put("port", "0");
        try {
            ServerConfig config = ConfigLoader.load(null, Map.of(), flags);
            try (Store store = Stores.open(config.db())) {
                Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                        () -> Server.start(config, store, Clock.systemUTC()).close());
                assertThat(thrown).isInstanceOf(StartRefused.class);
                return thrown.getMessage();
            }
        } catch (dev.zena.realtime.config.ConfigException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anEmptyPrefixIsAConfigurationError() {
        Map<String, String> flags = node("node-e");
        flags.put("redis.prefix", "");
        flags.put("jwt.secret", TestServer.SECRET);
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), flags)).hasMessageContaining("redis.prefix");
    }
}
