package dev.zena.realtime.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
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
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §11 item 4 with two nodes on one real Redis and one real PostgreSQL: the admin API of either node answers
 * for both — connections carry their {@code node}, a {@code DELETE} closes a connection held by the other node,
 * traffic is summed, {@code /api/v1/admin/nodes} lists both — and a node whose id is already live is refused.
 */
@Timeout(120)
class ClusterAdminTest {

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

    static JsonNode body(HttpResponse<String> answer) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    /** The rows of the connections list asked on {@code node} by {@code caller}, by user id. */
    static Map<String, JsonNode> rowsByUser(TestServer node, String caller) throws Exception {
        JsonNode answer = body(node.get("/api/v1/admin/connections", node.token(caller)));
        assertThat(answer.path("partial").asBoolean()).as(answer.toString()).isFalse();
        assertThat(answer.path("nodes_missing")).isEmpty();
        Map<String, JsonNode> rows = new HashMap<>();
        answer.path("data").forEach(row -> rows.put(row.path("user_id").asText(), row));
        return rows;
    }

    @Test
    void eitherNodeListsEveryNodesConnectionsWithTheirNodeAndATenantAdminOnlyItsTenants() throws Exception {
        try (WsClient onA = a.clientAs("acme-member");
                WsClient onB = b.clientAs("acme-pm");
                WsClient globexOnB = b.clientAs("globex-member")) {
            for (TestServer asked : List.of(a, b)) {
                Map<String, JsonNode> all = rowsByUser(asked, "acme-super");
                assertThat(all.get("acme-member").path("node").asText()).isEqualTo("node-a");
                assertThat(all.get("acme-pm").path("node").asText()).isEqualTo("node-b");
                assertThat(all.get("globex-member").path("node").asText()).isEqualTo("node-b");
                assertThat(all.get("acme-pm").path("tenant_id").asText()).isEqualTo("acme");
                Map<String, JsonNode> acme = rowsByUser(asked, "acme-admin");
                assertThat(acme).containsKeys("acme-member", "acme-pm").doesNotContainKey("globex-member");
            }
            JsonNode filtered = body(a.get("/api/v1/admin/connections?user=acme-pm", a.token("acme-super")));
            assertThat(filtered.path("data")).hasSize(1);
            assertThat(filtered.path("data").get(0).path("node").asText()).isEqualTo("node-b");
        }
    }

    @Test
    void aDeleteOnOneNodeClosesTheConnectionHeldByTheOtherWith4010() throws Exception {
        try (WsClient acmeOnB = b.clientAs("acme-client");
                WsClient globexOnB = b.clientAs("globex-admin")) {
            String acmeId =
                    rowsByUser(a, "acme-super").get("acme-client").path("id").asText();
            String globexId =
                    rowsByUser(a, "acme-super").get("globex-admin").path("id").asText();

            HttpResponse<String> foreign =
                    a.send("DELETE", "/api/v1/admin/connections/" + globexId, a.token("acme-admin"), null);
            assertThat(foreign.statusCode())
                    .as("another tenant's connection does not exist for a tenant admin")
                    .isEqualTo(404);
            assertThat(globexOnB.request("{\"type\":\"ping\"}").path("type").asText())
                    .isEqualTo("pong");

            JsonNode closed =
                    body(a.send("DELETE", "/api/v1/admin/connections/" + acmeId, a.token("acme-admin"), null));
            assertThat(closed.path("closed").asBoolean()).isTrue();
            assertThat(closed.path("code").asInt()).isEqualTo(4010);
            assertThat(closed.path("node").asText()).isEqualTo("node-b");
            assertThat(acmeOnB.awaitClose(WsClient.WAIT)).isEqualTo(4010);
            assertThat(a.send("DELETE", "/api/v1/admin/connections/" + acmeId, a.token("acme-admin"), null)
                            .statusCode())
                    .isEqualTo(404);
        }
    }

    @Test
    void aTestEventForAConnectionOnTheOtherNodeReachesIt() throws Exception {
        try (WsClient onB = b.clientAs("acme-member")) {
            String id =
                    rowsByUser(a, "acme-super").get("acme-member").path("id").asText();
            JsonNode sent = body(a.send(
                    "POST",
                    "/api/v1/admin/events",
                    a.token("acme-admin"),
                    "{\"connection_id\":\"" + id + "\",\"event\":\"test.direct\",\"data\":{\"n\":7}}"));
            assertThat(sent.path("delivered").asInt()).isEqualTo(1);
            JsonNode event = onB.nextOfType("event");
            assertThat(event.path("event").asText()).isEqualTo("test.direct");
            assertThat(event.path("data").path("n").asInt()).isEqualTo(7);
            assertThat(event.path("test").asBoolean()).isTrue();

            HttpResponse<String> foreignChannel = a.send(
                    "POST",
                    "/api/v1/admin/events",
                    a.token("acme-admin"),
                    "{\"connection_id\":\"" + id + "\",\"channel\":\"project.globex-dam\",\"event\":\"e\"}");
            assertThat(foreignChannel.statusCode())
                    .as("the holding node's channel check, answered as it")
                    .isEqualTo(404);
            assertThat(JSON.readTree(foreignChannel.body())
                            .path("error")
                            .path("field")
                            .asText())
                    .isEqualTo("channel");
            HttpResponse<String> foreignCaller = a.send(
                    "POST",
                    "/api/v1/admin/events",
                    a.token("globex-admin"),
                    "{\"connection_id\":\"" + id + "\",\"event\":\"e\"}");
            assertThat(foreignCaller.statusCode()).isEqualTo(404);
            onB.send("{\"type\":\"ping\",\"id\":\"sentinel\"}");
            assertThat(onB.next().path("type").asText())
                    .as("nothing refused reached it")
                    .isEqualTo("pong");
        }
    }

    @Test
    void nodesListsBothNodesWithTheirOwnConnections() throws Exception {
        try (WsClient one = b.clientAs("acme-member");
                WsClient two = b.clientAs("globex-member")) {
            Map<String, JsonNode> byId = new HashMap<>();
            // a connection of an earlier test may still be finishing its close handshake
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                JsonNode answer = body(a.get("/api/v1/admin/nodes", a.token("acme-super")));
                assertThat(answer.path("partial").asBoolean()).isFalse();
                byId.clear();
                answer.path("data").forEach(n -> byId.put(n.path("id").asText(), n));
                assertThat(byId).containsOnlyKeys("node-a", "node-b");
                assertThat(byId.get("node-b").path("connections").asInt()).isEqualTo(2);
                assertThat(byId.get("node-a").path("connections").asInt()).isZero();
            });
            assertThat(byId.get("node-b").path("address").asText()).isEqualTo("127.0.0.1:" + b.port());
            assertThat(byId.get("node-a").path("self").asBoolean()).isTrue();
            assertThat(byId.get("node-b").path("self").asBoolean()).isFalse();
            for (String field : List.of("started_at", "last_seen")) {
                assertThat(byId.get("node-b").path(field).asText())
                        .as(field)
                        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            }
            JsonNode acmeOnly = body(b.get("/api/v1/admin/nodes", b.token("acme-admin")));
            acmeOnly.path("data").forEach(n -> {
                if (n.path("id").asText().equals("node-b")) {
                    assertThat(n.path("connections").asInt())
                            .as("a tenant admin counts its tenant's only")
                            .isEqualTo(1);
                }
            });
        }
    }

    @Test
    void trafficIsSummedOverBothNodes() {
        try (WsClient onA = a.clientAs("globex-member");
                WsClient onB = b.clientAs("globex-admin")) {
            for (int i = 0; i < 3; i++) {
                onA.request("{\"type\":\"ping\"}");
            }
            for (int i = 0; i < 4; i++) {
                onB.request("{\"type\":\"ping\"}");
            }
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                JsonNode answer = body(b.get("/api/v1/admin/traffic?seconds=60&tenant=globex", b.token("acme-super")));
                assertThat(answer.path("partial").asBoolean()).isFalse();
                JsonNode globex = answer.path("tenants").get(0);
                assertThat(globex.path("tenant_id").asText()).isEqualTo("globex");
                JsonNode connections = globex.path("connections");
                assertThat(connections.get(connections.size() - 1).asInt())
                        .as("one connection on each node, counted together")
                        .isEqualTo(2);
                long in = 0;
                for (JsonNode n : globex.path("messages_in")) {
                    in += n.asLong();
                }
                assertThat(in).as("seven pings, three on a and four on b").isGreaterThanOrEqualTo(7);
            });
        }
    }

    @Test
    void metricsFiguresAreSummedOverBothNodes() throws Exception {
        try (WsClient onA = a.clientAs("globex-member");
                WsClient onB = b.clientAs("globex-admin");
                WsClient acmeOnB = b.clientAs("acme-member")) {
            // a connection of an earlier test may still be finishing its close handshake
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                JsonNode all = body(a.get("/api/metrics/websocket", a.token("acme-super")));
                assertThat(all.path("partial").asBoolean()).isFalse();
                assertThat(all.path("connections")
                                .path("per_tenant")
                                .path("globex")
                                .asLong())
                        .as("one globex connection on each node")
                        .isEqualTo(2);
                assertThat(all.path("connections")
                                .path("per_tenant")
                                .path("acme")
                                .asLong())
                        .isEqualTo(1);
                assertThat(all.path("connections").path("total").asLong()).isEqualTo(3);
            });
            JsonNode all = body(a.get("/api/metrics/websocket", a.token("acme-super")));
            JsonNode acme = body(b.get("/api/metrics/websocket", b.token("acme-admin")));
            assertThat(acme.path("connections").path("per_tenant").has("globex"))
                    .isFalse();
            assertThat(acme.path("connections").path("total").asLong())
                    .as("its tenant's, on both nodes")
                    .isEqualTo(1);
            assertThat(acme.path("messages").path("total_today").asLong())
                    .isLessThanOrEqualTo(
                            all.path("messages").path("total_today").asLong());
        }
    }

    @Test
    void theFeedOfOneNodeTicksTheTrafficOfBoth() {
        try (WsClient feed = WsClient.connect(java.net.URI.create(
                        "ws://127.0.0.1:" + a.port() + "/api/v1/admin/feed?token=" + a.token("acme-super")));
                WsClient onA = a.clientAs("globex-member");
                WsClient onB = b.clientAs("globex-admin")) {
            assertThat(feed.nextOfType("hello").path("scope").asText()).isEqualTo("*");
            JsonNode opened = feed.nextOfType("connection_opened");
            assertThat(opened.path("connection").path("node").asText()).isEqualTo("node-a");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                JsonNode tick = feed.nextOfType("traffic");
                assertThat(tick.path("partial").asBoolean()).isFalse();
                assertThat(tick.path("tenants")
                                .path("globex")
                                .path("connections")
                                .asInt())
                        .as("one globex connection on each node, in one tick")
                        .isEqualTo(2);
            });
        }
    }

    @Test
    void prometheusTextCarriesTheNodeLabel() throws Exception {
        HttpResponse<String> scrape = b.get("/metrics", b.token("acme-super"));
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("zena_connections{node=\"node-b\"}");
    }

    @Test
    void aNodeWhoseIdIsAlreadyLiveRefusesToStart() {
        Map<String, String> flags = new HashMap<>(node("node-b"));
        flags.put("jwt.secret", TestServer.SECRET);
        flags.put("host", "127.0.0.1");
        flags.put("port", "0");
        try {
            ServerConfig config = ConfigLoader.load(null, Map.of(), flags);
            try (Store store = Stores.open(config.db())) {
                Throwable thrown = catchThrowable(
                        () -> Server.start(config, store, Clock.systemUTC()).close());
                assertThat(thrown).isInstanceOf(StartRefused.class).hasMessageContaining("node.id node-b");
            }
        } catch (dev.zena.realtime.config.ConfigException e) {
            throw new AssertionError(e);
        }
        List<String> ids = new ArrayList<>();
        try {
            body(a.get("/api/v1/admin/nodes", a.token("acme-super")))
                    .path("data")
                    .forEach(n -> ids.add(n.path("id").asText()));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(ids).as("the refused node left no card behind").containsExactlyInAnyOrder("node-a", "node-b");
    }
}
