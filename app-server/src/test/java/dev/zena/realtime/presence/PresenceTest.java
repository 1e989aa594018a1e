package dev.zena.realtime.presence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zena.realtime.testing.TestServer;
import dev.zena.realtime.testing.WsClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §10 from a client's side: presence per user with connection counts, the query and its REST twin under
 * the subscribe decision, joined/left exactly once per transition (never for a second tab, never within the
 * leave grace), and summaries above presence.max_users.
 */
@Timeout(60)
class PresenceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(
                dir, Map.of("presence.leave_grace", "1s", "limits.connections_per_user", "10"), "fixtures/basic.json");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static WsClient subscribed(String user, String channel, boolean presenceEvents) {
        WsClient client = server.clientAs(user);
        JsonNode reply = client.request("{\"type\":\"subscribe\",\"channels\":[\"" + channel + "\"]"
                + (presenceEvents ? ",\"presence_events\":true" : "") + "}");
        assertThat(reply.path("granted")).hasSize(1);
        return client;
    }

    /** The presence messages that arrive before the pong of a ping sent now: what happened up to this point. */
    private static List<JsonNode> presenceUntilSentinel(WsClient watcher) {
        watcher.send("{\"type\":\"ping\",\"id\":\"sentinel\"}");
        List<JsonNode> seen = new ArrayList<>();
        for (JsonNode next = watcher.next(); !"pong".equals(next.path("type").asText()); next = watcher.next()) {
            if (next.path("type").asText().startsWith("presence")) {
                seen.add(next);
            }
        }
        return seen;
    }

    @Test
    void theQueryCountsUsersWithTheirConnectionsUnderTheSubscribeDecision() {
        try (WsClient a = subscribed("acme-member", "task.acme-t1", false);
                WsClient b = subscribed("acme-member", "task.acme-t1", false);
                WsClient c = subscribed("acme-admin", "task.acme-t1", false)) {
            JsonNode presence = a.request("{\"type\":\"presence\",\"channel\":\"task.acme-t1\",\"id\":7}");
            assertThat(presence.path("type").asText()).isEqualTo("presence");
            assertThat(presence.path("id").asInt()).isEqualTo(7);
            assertThat(presence.path("count").asInt()).isEqualTo(2);
            assertThat(presence.path("truncated").asBoolean()).isFalse();
            assertThat(presence.path("users").toString())
                    .contains("\"user_id\":\"acme-admin\"")
                    .contains("{\"user_id\":\"acme-member\",\"user_name\"")
                    .contains("\"connections\":2");
            JsonNode denied = c.request("{\"type\":\"presence\",\"channel\":\"project.globex-dam\"}");
            assertThat(denied.path("type").asText()).isEqualTo("error");
            assertThat(denied.path("status").asInt()).isEqualTo(403);
            assertThat(c.request("{\"type\":\"presence\",\"channel\":\"task.nope\"}")
                            .path("status")
                            .asInt())
                    .isEqualTo(404);
            assertThat(c.request("{\"type\":\"presence\",\"channel\":\"nope.x\"}")
                            .path("status")
                            .asInt())
                    .isEqualTo(400);

            String token = server.token("acme-admin");
            JsonNode twin = body(server.get("/api/v1/app/channels/task.acme-t1/presence", token));
            assertThat(twin.path("count").asInt()).isEqualTo(2);
            assertThat(server.get("/api/v1/app/channels/project.globex-dam/presence", token)
                            .statusCode())
                    .isEqualTo(403);
            assertThat(server.get("/api/v1/app/channels/task.acme-t1/presence", null)
                            .statusCode())
                    .isEqualTo(401);
        }
    }

    @Test
    void joinedAndLeftOncePerTransitionNeverForASecondTabNorWithinTheGrace() {
        try (WsClient watcher = subscribed("acme-admin", "project.acme-tower", true)) {
            assertThat(presenceUntilSentinel(watcher))
                    .as("a subscriber is not told of its own arrival")
                    .isEmpty();

            WsClient first = subscribed("acme-member", "project.acme-tower", false);
            WsClient second = subscribed("acme-member", "project.acme-tower", false);
            List<JsonNode> joins = presenceUntilSentinel(watcher);
            assertThat(joins).hasSize(1);
            assertThat(joins.get(0).path("event").asText()).isEqualTo("joined");
            assertThat(joins.get(0).path("user").path("user_id").asText()).isEqualTo("acme-member");
            assertThat(joins.get(0).path("connections").asInt()).isEqualTo(1);

            second.close();
            assertThat(presenceUntilSentinel(watcher))
                    .as("one of two tabs closed")
                    .isEmpty();

            first.close();
            WsClient back = subscribed("acme-member", "project.acme-tower", false);
            assertThat(presenceUntilSentinel(watcher))
                    .as("back within the grace")
                    .isEmpty();
            back.close();
            JsonNode left = watcher.nextOfType("presence_event");
            assertThat(left.path("event").asText()).isEqualTo("left");
            assertThat(left.path("user").path("user_id").asText()).isEqualTo("acme-member");
            assertThat(left.path("connections").asInt()).isZero();
            assertThat(presenceUntilSentinel(watcher)).as("exactly once").isEmpty();
        }
    }

    @Test
    void aCrowdedChannelSendsSummariesInsteadOfEvents() {
        try (TestServer small = TestServer.start(
                        dir.resolve("small"),
                        Map.of("presence.max_users", "2", "presence.leave_grace", "0s"),
                        "fixtures/basic.json");
                WsClient watcher = subscribedOn(small, "acme-admin")) {
            List<WsClient> others = new ArrayList<>();
            try {
                for (String user : List.of("acme-member", "acme-pm", "acme-super")) {
                    others.add(subscribedOn(small, user));
                }
                JsonNode summary = watcher.nextOfType("presence_summary");
                assertThat(summary.path("channel").asText()).isEqualTo("project.acme-tower");
                assertThat(summary.path("count").asInt()).isEqualTo(4);
                assertThat(summary.path("joined").toString()).contains("acme-super");
                JsonNode presence = watcher.request("{\"type\":\"presence\",\"channel\":\"project.acme-tower\"}");
                while (!"presence".equals(presence.path("type").asText())) {
                    presence = watcher.next();
                }
                assertThat(presence.path("count").asInt()).isEqualTo(4);
                assertThat(presence.path("users")).hasSize(2);
                assertThat(presence.path("truncated").asBoolean()).isTrue();
            } finally {
                others.forEach(WsClient::close);
            }
        }
    }

    private static WsClient subscribedOn(TestServer target, String user) {
        WsClient client = WsClient.connect(target.ws("token=" + target.token(user)));
        client.nextOfType("authentication");
        JsonNode reply = client.request(
                "{\"type\":\"subscribe\",\"channels\":[\"project.acme-tower\"]," + "\"presence_events\":true}");
        assertThat(reply.path("granted")).hasSize(1);
        return client;
    }

    private static JsonNode body(java.net.http.HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
