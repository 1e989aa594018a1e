package dev.zena.realtime.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zena.realtime.testing.ServeProcess;
import dev.zena.realtime.testing.TestRedis;
import dev.zena.realtime.testing.WsClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §11 with real processes (issue 14 item 6): {@code serve} child JVMs configured only by {@code WEBSOCKET_*}
 * variables, as packaging/src/cluster/compose.yml runs them, on one real Redis and one real PostgreSQL started by
 * the tests. An event published on one node reaches the other's subscriber; Redis stopped makes publish 503
 * {@code BROKER_UNAVAILABLE}, subscribes denied, ready 503 and live 200 while connections stay; Redis back (empty)
 * lets events flow again and every subscriber is told of the gap with a {@code resync}; a node SIGKILLed loses
 * nothing for a client that reconnects to another node with its position; SIGTERM drains with 1001 and exit 0.
 *
 * <p>The methods run in order on shared nodes A and B (starting a JVM is the cost here); the SIGKILL test starts
 * a node of its own, and the SIGTERM test stops B last.
 */
@Timeout(180)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterProcessesTest {

    /** An upper bound, not a wait: two nodes started side by side took 37 s here at a load average of 18 on 2 cores. */
    private static final Duration START = Duration.ofSeconds(90);

    private static final Duration EVENTS = Duration.ofSeconds(10);

    @TempDir
    static Path dir;

    static ProcessCluster cluster;
    static ServeProcess a;
    static ServeProcess b;

    @BeforeAll
    static void start() throws Exception {
        cluster = ProcessCluster.create();
        // Launched together, awaited together: the two JVMs start side by side.
        ServeProcess first = ServeProcess.launch(dir, "node-a", cluster.env("node-a"));
        ServeProcess second = ServeProcess.launch(dir, "node-b", cluster.env("node-b"));
        a = first;
        b = second;
        a.awaitReady(START);
        b.awaitReady(START);
    }

    @AfterAll
    static void stop() {
        for (ServeProcess node : new ServeProcess[] {a, b}) {
            if (node != null) {
                node.close();
            }
        }
        TestRedis.get().start(); // in case a test failed during the outage: the next class needs it
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void anEventPublishedOnOneNodeReachesASubscriberOfTheOther() {
        try (WsClient onA = subscribed(a, "acme-member", "project.acme-tower");
                WsClient onB = subscribed(b, "acme-admin", "project.acme-tower")) {
            assertThat(broadcast(a, "project.acme-tower", 1).statusCode()).isEqualTo(200);
            assertThat(broadcast(b, "project.acme-tower", 2).statusCode()).isEqualTo(200);
            JsonNode b1 = nextEvent(onB);
            JsonNode b2 = nextEvent(onB);
            JsonNode a1 = nextEvent(onA);
            JsonNode a2 = nextEvent(onA);
            assertThat(b1.path("data").path("n").asInt()).isEqualTo(1);
            assertThat(b2.path("data").path("n").asInt()).isEqualTo(2);
            assertThat(b2.path("offset").asLong()).isEqualTo(b1.path("offset").asLong() + 1);
            assertThat(a1.path("offset").asLong()).isEqualTo(b1.path("offset").asLong());
            assertThat(a2.path("epoch").asText()).isEqualTo(b2.path("epoch").asText());
            onA.assertNothingBeforeSentinel();
            onB.assertNothingBeforeSentinel();
        }
    }

    @Test
    @Order(2)
    void redisStoppedRefusesWhatNeedsItKeepsConnectionsAndOnceBackNobodyMissesAnEventSilently() {
        try (WsClient onA = subscribed(a, "acme-member", "project.acme-tower");
                WsClient onB = subscribed(b, "acme-admin", "project.acme-tower")) {
            assertThat(broadcast(a, "project.acme-tower", 10).statusCode()).isEqualTo(200);
            String epochBefore = nextEvent(onB).path("epoch").asText();
            nextEvent(onA);

            TestRedis.get().stop();
            try {
                a.awaitStatus("/health/ready", 503, EVENTS);
                b.awaitStatus("/health/ready", 503, EVENTS);
                assertThat(a.status("/health/live")).isEqualTo(200);
                assertThat(b.status("/health/live")).isEqualTo(200);
                HttpResponse<String> refused = broadcast(a, "project.acme-tower", 11);
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.body()).contains("\"code\":\"BROKER_UNAVAILABLE\"");
                assertThat(refused.headers().firstValue("Retry-After"))
                        .as("SPEC §11.5")
                        .isPresent();
                JsonNode denied = onB.request("{\"type\":\"subscribe\",\"channels\":[\"project.acme-bridge\"]}");
                assertThat(denied.path("granted")).as(denied.toString()).isEmpty();
                assertThat(denied.toString()).contains("BROKER_UNAVAILABLE");
                // connections kept: both still answer, nothing was closed under them
                onA.assertNothingBeforeSentinel();
                onB.assertNothingBeforeSentinel();
            } finally {
                TestRedis.get().start(); // empty: every channel's history and position are gone
            }

            a.awaitReady(EVENTS);
            b.awaitReady(EVENTS);
            assertThat(broadcast(a, "project.acme-tower", 12).statusCode()).isEqualTo(200);
            for (WsClient client : new WsClient[] {onA, onB}) {
                Gap gap = awaitEventAfterResync(client, "project.acme-tower", 12);
                assertThat(gap.resync().path("epoch").asText())
                        .as("the resync names the new epoch")
                        .isNotEqualTo(epochBefore)
                        .isEqualTo(gap.event().path("epoch").asText());
            }
            assertThat(broadcast(b, "project.acme-tower", 13).statusCode()).isEqualTo(200);
            JsonNode onA13 = nextEvent(onA);
            assertThat(onA13.path("data").path("n").asInt())
                    .as("B's publication reaches A again")
                    .isEqualTo(13);
            assertThat(nextEvent(onB).path("offset").asLong())
                    .isEqualTo(onA13.path("offset").asLong());
        }
    }

    @Test
    @Order(3)
    void aClientOfAKilledNodeReconnectsToAnotherWithItsPositionAndRecoversEveryEvent() {
        JsonNode last;
        try (ServeProcess c = ServeProcess.start(dir, "node-c", cluster.env("node-c"), START);
                WsClient onC = subscribed(c, "acme-member", "task.acme-t1")) {
            for (int n = 21; n <= 23; n++) {
                assertThat(broadcast(a, "task.acme-t1", n).statusCode()).isEqualTo(200);
            }
            nextEvent(onC);
            nextEvent(onC);
            last = nextEvent(onC);
            assertThat(last.path("data").path("n").asInt()).isEqualTo(23);

            c.kill();
            assertThat(onC.awaitClose(EVENTS))
                    .as("the connection dies with its node, without a close frame")
                    .isIn(-1, 1006);
        }
        for (int n = 24; n <= 26; n++) {
            assertThat(broadcast(a, "task.acme-t1", n).statusCode()).isEqualTo(200);
        }
        String since = "{\"task.acme-t1\":{\"offset\":" + last.path("offset").asLong() + ",\"epoch\":\""
                + last.path("epoch").asText() + "\"}}";
        try (WsClient onB = clientAs(b, "acme-member")) {
            JsonNode reply =
                    onB.request("{\"type\":\"subscribe\",\"channels\":[\"task.acme-t1\"],\"since\":" + since + "}");
            assertThat(reply.path("recovery")
                            .path("task.acme-t1")
                            .path("recovered")
                            .asBoolean())
                    .as(reply.toString())
                    .isTrue();
            for (int n = 24; n <= 26; n++) {
                JsonNode event = onB.next();
                assertThat(event.path("type").asText()).isEqualTo("event");
                assertThat(event.path("recovered").asBoolean()).isTrue();
                assertThat(event.path("data").path("n").asInt()).isEqualTo(n);
                assertThat(event.path("offset").asLong())
                        .isEqualTo(last.path("offset").asLong() + n - 23);
            }
            onB.assertNothingBeforeSentinel();
        }
    }

    @Test
    @Order(4)
    void sigtermDrainsTheNodeWith1001AndExitsZeroWhileTheOtherServesOn() {
        try (WsClient onA = subscribed(a, "acme-member", "project.acme-tower");
                WsClient onB = subscribed(b, "acme-admin", "project.acme-tower")) {
            int exit = b.terminate(Duration.ofSeconds(20));
            assertThat(onB.awaitClose(EVENTS)).isEqualTo(1001);
            assertThat(exit).as(b.log()).isZero();
            assertThat(b.log()).contains("server_draining").contains("server_stopped");
            assertThat(broadcast(a, "project.acme-tower", 31).statusCode()).isEqualTo(200);
            assertThat(nextEvent(onA).path("data").path("n").asInt()).isEqualTo(31);
        }
    }

    private record Gap(JsonNode resync, JsonNode event) {}

    /**
     * Reads until the event {@code n} of {@code channel} arrived and a {@code resync} of the channel came before
     * it or with it (in either order: the node's catch-up and the first publication race), under a deadline.
     */
    private static Gap awaitEventAfterResync(WsClient client, String channel, int n) {
        Instant until = Instant.now().plus(EVENTS);
        JsonNode resync = null;
        JsonNode event = null;
        while (resync == null || event == null) {
            Duration left = Duration.between(Instant.now(), until);
            if (left.isNegative()) {
                throw new AssertionError("within " + EVENTS + ": resync " + resync + ", event " + event);
            }
            JsonNode message = client.next(left);
            String type = message.path("type").asText();
            if ("resync".equals(type) && channel.equals(message.path("channel").asText())) {
                resync = message;
            } else if ("event".equals(type) && message.path("data").path("n").asInt() == n) {
                event = message;
            } else if ("event".equals(type)) {
                throw new AssertionError("an event nobody published after the outage: " + message);
            }
        }
        return new Gap(resync, event);
    }

    private static JsonNode nextEvent(WsClient client) {
        return ProcessCluster.nextEvent(client, EVENTS);
    }

    private static WsClient clientAs(ServeProcess node, String user) {
        return cluster.clientAs(node.ws(), user);
    }

    private static WsClient subscribed(ServeProcess node, String user, String channel) {
        return cluster.subscribed(node.ws(), user, channel);
    }

    private static HttpResponse<String> broadcast(ServeProcess node, String channel, int n) {
        return ProcessCluster.broadcast(node.http("/"), channel, n);
    }
}
