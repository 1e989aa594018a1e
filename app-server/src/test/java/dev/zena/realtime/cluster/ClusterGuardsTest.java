package dev.zena.realtime.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zena.realtime.broker.RedisLink;
import dev.zena.realtime.limits.RedisConnectionCaps;
import dev.zena.realtime.publish.SignedRequests;
import dev.zena.realtime.testing.ClusterNode;
import dev.zena.realtime.testing.TestClock;
import dev.zena.realtime.testing.TestPostgres;
import dev.zena.realtime.testing.TestRedis;
import dev.zena.realtime.testing.TestServer;
import dev.zena.realtime.testing.WsClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §11 item 2 with two nodes on one real Redis and one real PostgreSQL: the connection caps per user and per
 * tenant, the REST and publish rates and the publish replay guard hold for the cluster, not per node; a dead node's
 * share stops counting once its lease lapses; a Redis that lost everything gets every node's share back. The rates
 * run on one clock that stands still unless a test moves it, so no refill happens behind a test's back.
 */
@Timeout(120)
class ClusterGuardsTest {

    private static final TestClock CLOCK = TestClock.frozenNow();

    @TempDir
    static Path dir;

    static String prefix;
    static TestServer a;
    static TestServer b;

    static Map<String, String> node(String db, String id) {
        Map<String, String> settings = ClusterNode.settings(db, prefix, id);
        settings.put("limits.connections_per_user", "2");
        settings.put("limits.connections_per_tenant", "4");
        settings.put("limits.rest_per_user", "4");
        settings.put("limits.publish_per_key", "3");
        settings.put("publish.key", SignedRequests.KEY);
        settings.put("publish.secret", SignedRequests.SECRET);
        return settings;
    }

    @BeforeAll
    static void start() {
        String db = TestPostgres.shared().createDatabase();
        prefix = TestRedis.newPrefix();
        a = TestServer.start(dir.resolve("a"), node(db, "node-a"), "fixtures/basic.json", CLOCK);
        b = TestServer.start(dir.resolve("b"), node(db, "node-b"), null, CLOCK);
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

    /** Every test starts with no connection counted anywhere (a closed socket is released asynchronously). */
    @BeforeEach
    void noConnectionLeft() {
        await().atMost(Duration.ofSeconds(10))
                .ignoreExceptions()
                .until(() -> TestRedis.get().isRunning()
                        && caps(a).ofTenant("acme") == 0
                        && caps(b).ofTenant("acme") == 0
                        && caps(a).shared("acme", "acme-member").tenant() == 0);
    }

    private static RedisConnectionCaps caps(TestServer node) {
        return (RedisConnectionCaps) node.server().limits().connections();
    }

    /** Connects and authenticates; the open client when admitted, null when refused with 4029. */
    private static WsClient attempt(TestServer node, String user) {
        WsClient client = node.client();
        JsonNode reply = client.request("{\"type\":\"authenticate\",\"id\":1,\"token\":\"" + node.token(user) + "\"}");
        if ("authentication".equals(reply.path("type").asText())) {
            return client;
        }
        assertThat(reply.path("code").asText()).as(reply.toString()).isEqualTo("CONNECTION_LIMIT");
        assertThat(client.awaitClose(WsClient.WAIT)).isEqualTo(4029);
        client.close();
        return null;
    }

    private static void assertRefused(TestServer node, String user) {
        assertThat(attempt(node, user))
                .as(user + " admitted on " + node.config().cluster().nodeId())
                .isNull();
    }

    /** Waits (deadline) until {@code user} is admitted on {@code node}; refused attempts count nothing. */
    private static WsClient awaitAdmitted(TestServer node, String user, Duration within) {
        AtomicReference<WsClient> admitted = new AtomicReference<>();
        await().atMost(within).pollInterval(Duration.ofMillis(200)).until(() -> {
            admitted.set(attempt(node, user));
            return admitted.get() != null;
        });
        return admitted.get();
    }

    @Test
    void aUsersCapCountsTheConnectionsOfBothNodes() {
        try (WsClient onA = a.clientAs("acme-member");
                WsClient onB = b.clientAs("acme-member")) {
            assertRefused(a, "acme-member");
            assertRefused(b, "acme-member");
            onA.close();
            try (WsClient again = awaitAdmitted(b, "acme-member", Duration.ofSeconds(10))) {
                assertThat(again.isClosed())
                        .as("the place given back on A is taken on B")
                        .isFalse();
                assertRefused(a, "acme-member");
            }
        }
    }

    @Test
    void aTenantsCapCountsTheConnectionsOfBothNodes() {
        List<WsClient> open = new ArrayList<>();
        try {
            open.add(a.clientAs("acme-admin"));
            open.add(b.clientAs("acme-pm"));
            open.add(a.clientAs("acme-client"));
            open.add(b.clientAs("acme-super"));
            assertRefused(a, "acme-member");
            assertRefused(b, "acme-member");
            try (WsClient globex = a.clientAs("globex-member")) {
                assertThat(globex.isClosed()).as("another tenant").isFalse();
            }
        } finally {
            open.forEach(WsClient::close);
        }
    }

    @Test
    void theRestRateOfAUserIsSharedByTheNodes() {
        String token = a.token("acme-pm");
        assertThat(a.get("/api/v1/app/tasks", token).statusCode()).isEqualTo(200);
        assertThat(b.get("/api/v1/app/tasks", token).statusCode()).isEqualTo(200);
        assertThat(a.get("/api/v1/app/tasks", token).statusCode()).isEqualTo(200);
        assertThat(b.get("/api/v1/app/tasks", token).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = a.get("/api/v1/app/tasks", token);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("\"code\":\"RATE_LIMITED\"");
        assertThat(b.get("/api/v1/app/tasks", token).statusCode())
                .as("on the other node too")
                .isEqualTo(429);
        assertThat(b.get("/api/v1/app/tasks", b.token("acme-admin")).statusCode())
                .as("another user")
                .isEqualTo(200);
    }

    @Test
    void thePublishRateOfAKeyIsSharedByTheNodes() {
        CLOCK.advance(Duration.ofSeconds(2)); // a full bucket, whatever another test took from it
        assertThat(broadcast(a, 1).statusCode()).isEqualTo(200);
        assertThat(broadcast(b, 2).statusCode()).isEqualTo(200);
        assertThat(broadcast(a, 3).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = broadcast(b, 4);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("\"code\":\"RATE_LIMITED\"");
        CLOCK.advance(Duration.ofSeconds(1));
        assertThat(broadcast(b, 5).statusCode()).as("refilled for the cluster").isEqualTo(200);
    }

    @Test
    void aSignedRequestReplayedToTheOtherNodeIsRefusedAsASingleNodeRefusesAReplay() {
        CLOCK.advance(Duration.ofSeconds(2));
        byte[] body = body(42);
        Map<String, String> headers = signed(body);
        assertThat(SignedRequests.post(a, "/api/v1/broadcast", body, headers).statusCode())
                .isEqualTo(200);
        HttpResponse<String> onB = SignedRequests.post(b, "/api/v1/broadcast", body, headers);
        HttpResponse<String> onA = SignedRequests.post(a, "/api/v1/broadcast", body, headers);
        assertThat(onB.statusCode()).isEqualTo(401);
        assertThat(onB.body()).contains("\"code\":\"AUTH_INVALID\"");
        assertThat(onB.body())
                .as("the same answer as the node that saw it first")
                .isEqualTo(onA.body());
        assertThat(onA.statusCode()).isEqualTo(401);
    }

    @Test
    void aReplayIsRefusedOnTheOtherNodeHoweverTheFirstUseEndedAndWhateverChangedSince() {
        CLOCK.advance(Duration.ofSeconds(2));
        // Malformed: claimed before its 400, in no channel's scope.
        byte[] malformed = ("{\"tenant_id\":\"" + Instant.now() + "\",").getBytes(StandardCharsets.UTF_8);
        Map<String, String> malformedHeaders = signed(malformed);
        assertBroadcast(a, malformed, malformedHeaders, 400);
        assertBroadcast(b, malformed, malformedHeaders, 401);
        // Valid but for the store: the project does not exist yet. Claimed in the channel's scope, where the
        // publish script of a later valid use looks (ADR 0034).
        byte[] early = laterBody(1);
        CLOCK.advance(Duration.ofSeconds(2)); // the key's rate (3/s) refilled before each step
        Map<String, String> earlyHeaders = signed(early);
        assertBroadcast(a, early, earlyHeaders, 400);
        byte[] sync = ("{\"projects\":[{\"id\":\"acme-later\",\"tenant_id\":\"acme\",\"name\":\"Later\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        CLOCK.advance(Duration.ofSeconds(2));
        HttpResponse<String> synced = SignedRequests.post(a, "/api/v1/sync", sync, signed(sync));
        assertThat(synced.statusCode()).as(synced.body()).isEqualTo(200);
        HttpResponse<String> replayed = SignedRequests.post(b, "/api/v1/broadcast", early, earlyHeaders);
        assertThat(replayed.statusCode())
                .as("now valid, yet its signature was used: " + replayed.body())
                .isEqualTo(401);
        // And a first use that was published is refused on either node.
        byte[] valid = laterBody(2);
        CLOCK.advance(Duration.ofSeconds(2));
        Map<String, String> validHeaders = signed(valid);
        assertBroadcast(b, valid, validHeaders, 200);
        assertBroadcast(a, valid, validHeaders, 401);
    }

    @Test
    void theShareOfANodeThatStoppedBeatingStopsCountingWhenItsLeaseLapses() {
        // A node that died holding two connections of acme-member, its lease 5 s from now (Redis time).
        try (RedisLink link = RedisLink.open(TestRedis.get().url(), prefix)) {
            String leases = link.taggedKey("caps", "acme", "leases");
            String counts = link.taggedKey("caps", "acme", "counts");
            List<String> time = link.call(redis -> redis.time());
            long now = Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
            link.call(redis -> redis.hset(leases, "node-dead", Long.toString(now + 5000)));
            link.call(redis -> redis.hset(counts, Map.of("node-dead", "2", "node-dead|acme-member", "2")));
            link.call(redis -> redis.pexpire(leases, 60_000));
            link.call(redis -> redis.pexpire(counts, 60_000));
            assertRefused(a, "acme-member");
            try (WsClient admitted = awaitAdmitted(a, "acme-member", Duration.ofSeconds(15))) {
                assertThat(admitted.isClosed()).isFalse();
                assertThat(caps(a).shared("acme", "acme-member").user())
                        .as("the dead node's share is gone")
                        .isEqualTo(1);
            }
        }
    }

    @Test
    void aRedisRestartedEmptyGetsEveryNodesShareBack() {
        byte[] held = body(7);
        Map<String, String> heldHeaders = signed(held);
        try (WsClient onA = a.clientAs("acme-member");
                WsClient onB = b.clientAs("acme-member")) {
            TestRedis.get().stop();
            try {
                // Unreachable: each node enforces the caps on its own connections (ADR 0019).
                try (WsClient second = attempt(a, "acme-member")) {
                    assertThat(second)
                            .as("A holds one of the user's two places on its own")
                            .isNotNull();
                    assertRefused(a, "acme-member");
                }
                assertThat(a.get("/api/v1/app/tasks", a.token("acme-super")).statusCode())
                        .as("a REST read is still rated, on the node's own bucket")
                        .isEqualTo(200);
                CLOCK.advance(Duration.ofSeconds(2));
                HttpResponse<String> unavailable = SignedRequests.post(a, "/api/v1/broadcast", held, heldHeaders);
                assertThat(unavailable.statusCode()).isEqualTo(503);
                assertThat(unavailable.body()).contains("\"code\":\"BROKER_UNAVAILABLE\"");
            } finally {
                TestRedis.get().start();
            }
            await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(250))
                    .until(
                            () -> SignedRequests.post(b, "/api/v1/broadcast", held, heldHeaders)
                                    .statusCode(),
                            status -> status == 200); // the request refused during the outage was not burnt
            await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(250))
                    .ignoreExceptions()
                    .until(() -> caps(a).shared("acme", "acme-member").user() == 2);
            assertRefused(a, "acme-member");
            assertRefused(b, "acme-member");
        }
    }

    private static HttpResponse<String> broadcast(TestServer node, int n) {
        byte[] body = body(n);
        return SignedRequests.post(node, "/api/v1/broadcast", body, signed(body));
    }

    /** Signed at the servers' time: their clock stands still while the test's wall clock runs on. */
    private static Map<String, String> signed(byte[] body) {
        return SignedRequests.signed(
                SignedRequests.KEY, SignedRequests.SECRET, CLOCK.instant().getEpochSecond(), body);
    }

    private static void assertBroadcast(TestServer node, byte[] body, Map<String, String> headers, int status) {
        HttpResponse<String> answer = SignedRequests.post(node, "/api/v1/broadcast", body, headers);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
    }

    /** A broadcast to {@code project.acme-later}, which the fixture does not hold. */
    private static byte[] laterBody(int n) {
        return new String(body(n), StandardCharsets.UTF_8)
                .replace("project.acme-tower", "project.acme-later")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] body(int n) {
        return ("{\"tenant_id\":\"acme\",\"channel\":\"project.acme-tower\",\"event\":\"e\",\"data\":{\"n\":" + n
                        + ",\"at\":\"" + Instant.now() + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
