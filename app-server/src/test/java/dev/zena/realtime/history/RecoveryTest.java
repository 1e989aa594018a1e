package dev.zena.realtime.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zena.realtime.testing.TestServer;
import dev.zena.realtime.testing.WsClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §9 from a client's side: positions in every reply, recovery exactly once per missed event before any live
 * one, every failure reason, denied channels recovering nothing, the history REST twin, and the race of a
 * recovery while events keep being published.
 */
@Timeout(120)
class RecoveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir, Map.of("history.size", "5", "history.recover_max", "3"), "fixtures/basic.json");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void publish(String channel, int n) {
        server.publish("acme", channel, "e", JSON.createObjectNode().put("n", n));
    }

    private static String subscribe(String channel, JsonNode since) {
        ObjectNode message = JSON.createObjectNode().put("type", "subscribe");
        message.putArray("channels").add(channel);
        if (since != null) {
            message.putObject("since").set(channel, since);
        }
        return message.toString();
    }

    @Test
    void everyGrantedChannelHasAPositionEvenBeforeItsFirstEvent() {
        try (WsClient client = server.clientAs("acme-member")) {
            JsonNode reply = client.request(
                    "{\"type\":\"subscribe\",\"channels\":[\"task.acme-t3\"," + "\"project.globex-dam\"]}");
            JsonNode position = reply.path("positions").path("task.acme-t3");
            assertThat(position.path("offset").asLong()).isZero();
            assertThat(position.path("epoch").asText()).isNotBlank();
            assertThat(reply.path("positions").has("project.globex-dam"))
                    .as("denied: no position")
                    .isFalse();
            assertThat(reply.has("recovery")).as("no since: no recovery").isFalse();
            publish("task.acme-t3", 1);
            JsonNode event = client.nextOfType("event");
            assertThat(event.path("offset").asLong()).isEqualTo(1);
            assertThat(event.path("epoch").asText())
                    .isEqualTo(position.path("epoch").asText());
        }
    }

    @Test
    void aClientBackFromAnAbsenceGetsExactlyWhatItMissedBeforeAnyLiveEvent() {
        JsonNode position;
        try (WsClient client = server.clientAs("acme-member")) {
            position = client.request(subscribe("project.acme-tower", null))
                    .path("positions")
                    .path("project.acme-tower");
        }
        long start = position.path("offset").asLong();
        for (int i = 1; i <= 3; i++) {
            publish("project.acme-tower", i);
        }
        try (WsClient client = server.clientAs("acme-member")) {
            JsonNode reply = client.request(subscribe("project.acme-tower", position));
            assertThat(reply.path("recovery")
                            .path("project.acme-tower")
                            .path("recovered")
                            .asBoolean())
                    .isTrue();
            assertThat(reply.path("positions")
                            .path("project.acme-tower")
                            .path("offset")
                            .asLong())
                    .isEqualTo(start + 3);
            publish("project.acme-tower", 4);
            for (int i = 1; i <= 3; i++) {
                JsonNode replayed = client.next();
                assertThat(replayed.path("type").asText()).isEqualTo("event");
                assertThat(replayed.path("offset").asLong()).isEqualTo(start + i);
                assertThat(replayed.path("recovered").asBoolean()).isTrue();
                assertThat(replayed.path("data").path("n").asInt()).isEqualTo(i);
            }
            JsonNode live = client.next();
            assertThat(live.path("offset").asLong()).isEqualTo(start + 4);
            assertThat(live.has("recovered")).isFalse();
        }
    }

    @Test
    void eachWayARecoveryFailsIsNamedAndNothingIsReplayed() {
        String epoch;
        long start;
        try (WsClient client = server.clientAs("acme-member")) {
            JsonNode position = client.request(subscribe("task.acme-t1", null))
                    .path("positions")
                    .path("task.acme-t1");
            epoch = position.path("epoch").asText();
            start = position.path("offset").asLong();
        }
        publish("task.acme-t1", 1);
        assertThat(recoveryOf("task.acme-t1", start, "another-epoch")).isEqualTo("epoch_changed");
        assertThat(recoveryOf("task.acme-t1", start + 50, epoch))
                .as("ahead of the channel")
                .isEqualTo("epoch_changed");
        for (int i = 2; i <= 4; i++) {
            publish("task.acme-t1", i);
        }
        assertThat(recoveryOf("task.acme-t1", start, epoch))
                .as("4 missed, recover_max 3")
                .isEqualTo("too_many");
        for (int i = 5; i <= 8; i++) {
            publish("task.acme-t1", i);
        }
        assertThat(recoveryOf("task.acme-t1", start + 1, epoch))
                .as("history keeps 5 of 8")
                .isEqualTo("offset_expired");
        assertThat(recoveryOf("task.acme-t1", start + 5, epoch)).isEqualTo("recovered");
    }

    /** Subscribes with a since, answers the recovery reason ("recovered" when it worked), ends on a sentinel. */
    private static String recoveryOf(String channel, long offset, String epoch) {
        try (WsClient client = server.clientAs("acme-member")) {
            JsonNode reply = client.request(subscribe(
                    channel, JSON.createObjectNode().put("offset", offset).put("epoch", epoch)));
            JsonNode recovery = reply.path("recovery").path(channel);
            client.send("{\"type\":\"ping\",\"id\":\"sentinel\"}");
            List<JsonNode> before = new ArrayList<>();
            for (JsonNode next = client.next(); !"pong".equals(next.path("type").asText()); next = client.next()) {
                before.add(next);
            }
            if (recovery.path("recovered").asBoolean()) {
                assertThat(before)
                        .allSatisfy(
                                e -> assertThat(e.path("recovered").asBoolean()).isTrue());
                return "recovered";
            }
            assertThat(before).as("a failed recovery replays nothing").isEmpty();
            return recovery.path("reason").asText();
        }
    }

    @Test
    void aDeniedChannelRecoversNothingAndHasNoRecoveryEntry() {
        try (WsClient client = server.clientAs("acme-client")) {
            JsonNode reply = client.request(subscribe(
                    "project.acme-bridge",
                    JSON.createObjectNode().put("offset", 0).put("epoch", "x")));
            assertThat(reply.path("denied").get(0).path("status").asInt()).isEqualTo(403);
            assertThat(reply.path("recovery").has("project.acme-bridge")).isFalse();
            assertThat(reply.path("positions").has("project.acme-bridge")).isFalse();
        }
    }

    @Test
    void theHistoryTwinAnswersLikeSubscribeAndReturnsTheMissedEvents() throws Exception {
        String token = server.token("acme-member");
        JsonNode none = body(server.get("/api/v1/app/channels/system.acme/history", token));
        assertThat(none.path("error").path("status").asInt())
                .as("member lacks tenants.view")
                .isEqualTo(403);
        assertThat(server.get("/api/v1/app/channels/system.acme/history", null).statusCode())
                .isEqualTo(401);
        assertThat(server.get("/api/v1/app/channels/task.nope/history", token).statusCode())
                .isEqualTo(404);
        assertThat(server.get("/api/v1/app/channels/nope.x/history", token).statusCode())
                .isEqualTo(400);

        String url = "/api/v1/app/channels/notifications.acme-member/history";
        JsonNode empty = body(server.get(url, token));
        long start = empty.path("offset").asLong();
        String epoch = empty.path("epoch").asText();
        for (int i = 1; i <= 2; i++) {
            server.publish(
                    "acme",
                    "notifications.acme-member",
                    "notification.created",
                    JSON.createObjectNode().put("n", i));
        }
        HttpResponse<String> since = server.get(url + "?since=" + start + "&epoch=" + epoch, token);
        assertThat(since.statusCode()).isEqualTo(200);
        JsonNode read = body(since);
        assertThat(read.path("recovered").asBoolean()).isTrue();
        assertThat(read.path("offset").asLong()).isEqualTo(start + 2);
        assertThat(read.path("data")).hasSize(2);
        assertThat(read.path("data").get(0).path("offset").asLong()).isEqualTo(start + 1);
        assertThat(read.path("data").get(1).path("data").path("n").asInt()).isEqualTo(2);
        JsonNode wrong = body(server.get(url + "?since=" + start + "&epoch=other", token));
        assertThat(wrong.path("recovered").asBoolean()).isFalse();
        assertThat(wrong.path("reason").asText()).isEqualTo("epoch_changed");
        assertThat(wrong.path("data")).isEmpty();
        assertThat(server.get(url + "?since=-1&epoch=x", token).statusCode()).isEqualTo(400);
        assertThat(server.get(url + "?limit=0", token).statusCode()).isEqualTo(400);
        JsonNode latest = body(server.get(url + "?limit=1", token));
        assertThat(latest.path("data")).hasSize(1);
        assertThat(latest.path("data").get(0).path("offset").asLong()).isEqualTo(start + 2);
    }

    @Test
    void recoveriesWhileEventsKeepComingNeverLoseNorRepeatOne() throws Exception {
        try (TestServer busy = TestServer.start(
                dir.resolve("busy"),
                Map.of("history.size", "100000", "history.recover_max", "100000"),
                "fixtures/basic.json")) {
            AtomicBoolean publishing = new AtomicBoolean(true);
            Thread publisher = new Thread(() -> {
                int n = 0;
                while (publishing.get()) {
                    busy.publish(
                            "acme",
                            "project.acme-tower",
                            "e",
                            JSON.createObjectNode().put("n", n++));
                    java.util.concurrent.locks.LockSupport.parkNanos(200_000);
                }
            });
            publisher.start();
            try {
                JsonNode position;
                try (WsClient first = WsClient.connect(busy.ws(null))) {
                    first.nextOfType("connection");
                    first.send("{\"type\":\"authenticate\",\"token\":\"" + busy.token("acme-member") + "\"}");
                    first.nextOfType("authentication");
                    position = first.request(subscribe("project.acme-tower", null))
                            .path("positions")
                            .path("project.acme-tower");
                }
                for (int round = 0; round < 30; round++) {
                    try (WsClient client = WsClient.connect(busy.ws("token=" + busy.token("acme-member")))) {
                        client.nextOfType("authentication");
                        JsonNode reply = client.request(subscribe("project.acme-tower", position));
                        assertThat(reply.path("recovery")
                                        .path("project.acme-tower")
                                        .path("recovered")
                                        .asBoolean())
                                .as("round %d", round)
                                .isTrue();
                        long expected = position.path("offset").asLong() + 1;
                        long until = reply.path("positions")
                                        .path("project.acme-tower")
                                        .path("offset")
                                        .asLong()
                                + 20;
                        long last = expected - 1;
                        while (last < until) {
                            JsonNode event = client.nextOfType("event");
                            assertThat(event.path("offset").asLong())
                                    .as("round %d", round)
                                    .isEqualTo(expected++);
                            last = event.path("offset").asLong();
                        }
                        position = JSON.createObjectNode()
                                .put("offset", last)
                                .put(
                                        "epoch",
                                        reply.path("positions")
                                                .path("project.acme-tower")
                                                .path("epoch")
                                                .asText());
                    }
                }
            } finally {
                publishing.set(false);
                publisher.join();
            }
        }
    }

    private static JsonNode body(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }
}
