package dev.zena.realtime.pusher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.Stores;
import dev.zena.realtime.sync.Importer;
import dev.zena.realtime.testing.TestServer;
import dev.zena.realtime.testing.WsClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pusher protocol 7 at {@code /app/{key}} (SPEC §12) with a real server and a real WebSocket client speaking as
 * pusher-js does: the greeting, the close codes, private and presence channels authorised by our own
 * {@code /broadcasting/auth}, one hub with {@code /ws}, client events refused, access lost and revocation live.
 */
@Timeout(60)
class PusherProtocolTest {

    static final Map<String, String> SETTINGS = Map.of(
            "pusher.app_id",
            PusherClient.APP_ID,
            "pusher.key",
            PusherClient.KEY,
            "pusher.secret",
            PusherClient.SECRET,
            "presence.leave_grace",
            "0s");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(dir, SETTINGS, "fixtures/basic.json");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theGreetingNamesASocketIdOfPushersFormAndTheActivityTimeout() throws Exception {
        try (PusherClient client = PusherClient.connect(server)) {
            assertThat(client.socketId).matches("\\d+\\.\\d+");
            client.ws.send("{\"event\":\"pusher:ping\",\"data\":{}}");
            assertThat(client.ws.next().path("event").asText()).isEqualTo("pusher:pong");
        }
        try (WsClient ws = WsClient.connect(PusherClient.uri(server, PusherClient.KEY, "7"))) {
            JsonNode data = PusherClient.data(ws.next());
            assertThat(data.path("activity_timeout").asInt()).isEqualTo(120);
        }
    }

    @Test
    void anUnknownKeyClosesWith4001AndAnotherProtocolWith4007() {
        try (WsClient ws = WsClient.connect(PusherClient.uri(server, "not-our-key", "7"))) {
            assertThat(ws.next().path("event").asText()).isEqualTo("pusher:error");
            assertThat(ws.awaitClose(WsClient.WAIT)).isEqualTo(4001);
        }
        try (WsClient ws = WsClient.connect(PusherClient.uri(server, PusherClient.KEY, "6"))) {
            assertThat(ws.next().path("event").asText()).isEqualTo("pusher:error");
            assertThat(ws.awaitClose(WsClient.WAIT)).isEqualTo(4007);
        }
    }

    @Test
    void aPrivateChannelAuthorisedByOurEndpointGetsTheEventsThatAWsSubscriberGetsToo() throws Exception {
        try (PusherClient pusher = PusherClient.connect(server);
                WsClient ws = server.clientAs("acme-member")) {
            JsonNode reply = pusher.subscribeAs("acme-member", "private-project.acme-tower");
            assertThat(reply.path("event").asText()).isEqualTo("pusher_internal:subscription_succeeded");
            assertThat(reply.path("channel").asText()).isEqualTo("private-project.acme-tower");
            ws.send("{\"type\":\"subscribe\",\"channels\":[\"project.acme-tower\"]}");
            assertThat(ws.nextOfType("subscription").path("granted").toString()).contains("project.acme-tower");

            server.publish("acme", "project.acme-tower", "task.updated", JSON.readTree("{\"id\":\"acme-t1\"}"));

            JsonNode event = pusher.nextEvent("task.updated");
            assertThat(event.path("channel").asText()).isEqualTo("private-project.acme-tower");
            assertThat(event.path("data").isTextual()).isTrue();
            assertThat(PusherClient.data(event).path("id").asText()).isEqualTo("acme-t1");
            assertThat(ws.nextOfType("event").path("event").asText()).isEqualTo("task.updated");
        }
    }

    @Test
    void anAuthNotSignedForThisSocketOrWithoutABoundUserIsRefused() throws Exception {
        try (PusherClient pusher = PusherClient.connect(server);
                PusherClient other = PusherClient.connect(server)) {
            JsonNode body = JSON.readTree(
                    PusherClient.auth(server, server.token("acme-member"), other.socketId, "private-project.acme-tower")
                            .body());
            JsonNode refused = pusher.subscribe(
                    "private-project.acme-tower", body.path("auth").asText(), null);
            assertThat(refused.path("event").asText()).isEqualTo("pusher:subscription_error");
            assertThat(PusherClient.data(refused).path("status").asInt()).isEqualTo(401);

            JsonNode publicName = pusher.subscribe("tenant.acme.projects", null, null);
            assertThat(PusherClient.data(publicName).path("status").asInt()).isEqualTo(401);

            JsonNode unmapped = pusher.subscribe("private-invoice.7", "x:y", null);
            assertThat(PusherClient.data(unmapped).path("status").asInt()).isEqualTo(400);
        }
    }

    @Test
    void theAuthEndpointDecidesAsTheRestTwin() throws Exception {
        try (PusherClient pusher = PusherClient.connect(server)) {
            assertThat(PusherClient.auth(server, null, pusher.socketId, "private-project.acme-tower")
                            .statusCode())
                    .isEqualTo(401);
            assertThat(PusherClient.auth(
                                    server, server.token("acme-client"), pusher.socketId, "private-project.acme-bridge")
                            .statusCode())
                    .isEqualTo(403);
            assertThat(PusherClient.auth(
                                    server,
                                    server.token("globex-member"),
                                    pusher.socketId,
                                    "private-project.acme-tower")
                            .statusCode())
                    .isEqualTo(403);
            assertThat(PusherClient.auth(server, server.token("acme-member"), pusher.socketId, "private-project.nope")
                            .statusCode())
                    .isEqualTo(404);
            assertThat(PusherClient.auth(
                                    server,
                                    server.token("acme-pm"),
                                    pusher.socketId,
                                    "private-tenant.globex.user.acme-pm.notifications")
                            .statusCode())
                    .isEqualTo(404);
            assertThat(PusherClient.auth(server, server.token("acme-pm"), pusher.socketId, "private-invoice.7")
                            .statusCode())
                    .isEqualTo(400);
            assertThat(PusherClient.auth(server, server.token("acme-pm"), "abc", "private-user.acme-pm")
                            .statusCode())
                    .isEqualTo(400);
        }
    }

    @Test
    void presenceMembersAreAnnouncedOnTheFirstAndLastConnectionOfAUser() throws Exception {
        try (PusherClient pm = PusherClient.connect(server)) {
            JsonNode first = pm.subscribeAs("acme-pm", "presence-project.acme-tower");
            JsonNode presence = PusherClient.data(first).path("presence");
            assertThat(presence.path("ids").toString()).isEqualTo("[\"acme-pm\"]");
            assertThat(presence.path("count").asInt()).isEqualTo(1);
            assertThat(presence.path("hash").path("acme-pm").path("name").asText())
                    .isEqualTo("Pat Manager");

            PusherClient member = PusherClient.connect(server);
            JsonNode second = member.subscribeAs("acme-member", "presence-project.acme-tower");
            assertThat(PusherClient.data(second).path("presence").path("count").asInt())
                    .isEqualTo(2);
            JsonNode added = pm.nextEvent("pusher_internal:member_added");
            assertThat(added.path("channel").asText()).isEqualTo("presence-project.acme-tower");
            assertThat(PusherClient.data(added).path("user_id").asText()).isEqualTo("acme-member");

            member.close();
            JsonNode removed = pm.nextEvent("pusher_internal:member_removed");
            assertThat(PusherClient.data(removed).path("user_id").asText()).isEqualTo("acme-member");
        }
    }

    @Test
    void theAdminApiShowsEachConnectionsProtocol() throws Exception {
        try (PusherClient pusher = PusherClient.connect(server);
                WsClient ws = server.clientAs("acme-member")) {
            pusher.subscribeAs("acme-member", "private-project.acme-tower");
            JsonNode list = JSON.readTree(
                            server.get("/api/v1/admin/connections?user=acme-member", server.token("acme-admin"))
                                    .body())
                    .path("data");
            assertThat(list).hasSize(2);
            Map<String, String> protocols = new java.util.HashMap<>();
            list.forEach(
                    c -> protocols.put(c.path("id").asText(), c.path("protocol").asText()));
            assertThat(protocols).containsEntry(pusher.socketId, "pusher").containsValue("zena");
        }
    }

    @Test
    void theAdminPermissionCheckExplainsALaravelName() throws Exception {
        JsonNode check = JSON.readTree(server.send(
                        "POST",
                        "/api/v1/admin/permissions/check",
                        server.token("acme-admin"),
                        "{\"user_id\":\"acme-client\",\"channel\":\"private-project.acme-bridge\"}")
                .body());
        assertThat(check.path("status").asInt()).isEqualTo(403);
        assertThat(check.path("checks").get(0).path("check").asText()).isEqualTo("laravel");
        assertThat(check.path("checks").get(0).path("detail").asText()).contains("maps to project.acme-bridge");
    }

    @Test
    void clientEventsAreRefusedWith4301() throws Exception {
        try (PusherClient pusher = PusherClient.connect(server)) {
            pusher.subscribeAs("acme-member", "private-project.acme-tower");
            pusher.ws.send("{\"event\":\"client-typing\",\"channel\":\"private-project.acme-tower\",\"data\":{}}");
            JsonNode error = pusher.ws.next();
            assertThat(error.path("event").asText()).isEqualTo("pusher:error");
            assertThat(PusherClient.data(error).path("code").asInt()).isEqualTo(4301);
        }
    }

    @Test
    void unsubscribingStopsTheChannelsEvents() throws Exception {
        try (PusherClient pusher = PusherClient.connect(server)) {
            pusher.subscribeAs("acme-member", "private-task.acme-t1");
            pusher.ws.send("{\"event\":\"pusher:unsubscribe\",\"data\":{\"channel\":\"private-task.acme-t1\"}}");
            pusher.assertNothingBeforePong();
            server.publish("acme", "task.acme-t1", "task.updated", JSON.readTree("{}"));
            pusher.assertNothingBeforePong();
        }
    }

    @Test
    void lostAccessIsAPusherErrorThenNoMoreEventsAndADisabledUserIsClosedWith4009() throws Exception {
        try (PusherClient pusher = PusherClient.connect(server);
                Store other = Stores.open(server.config().db())) {
            pusher.subscribeAs("acme-client", "private-project.acme-tower");
            pusher.subscribeAs("acme-client", "private-user.acme-client");
            new Importer(other)
                    .importDocument(
                            ("{\"projects\":[{\"id\":\"acme-tower\",\"tenant_id\":\"acme\","
                                            + "\"name\":\"Tower\",\"members\":[\"acme-member\"]}]}")
                                    .getBytes(StandardCharsets.UTF_8),
                            false);
            JsonNode error = pusher.nextEvent("pusher:error");
            assertThat(PusherClient.data(error).path("message").asText()).contains("private-project.acme-tower");
            server.publish("acme", "project.acme-tower", "task.updated", JSON.readTree("{}"));
            pusher.assertNothingBeforePong();

            new Importer(other)
                    .importDocument(
                            ("{\"users\":[{\"id\":\"acme-client\",\"tenant_id\":\"acme\","
                                            + "\"name\":\"Cy Client\",\"email\":\"cy@acme.test\",\"role\":\"client\",\"is_active\":false}]}")
                                    .getBytes(StandardCharsets.UTF_8),
                            false);
            assertThat(pusher.ws.awaitClose(Duration.ofSeconds(10))).isEqualTo(4009);
        }
    }
}
