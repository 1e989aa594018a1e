package dev.zena.realtime.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zena.realtime.testing.Jwts;
import dev.zena.realtime.testing.TestServer;
import dev.zena.realtime.testing.WsClient;
import java.net.http.HttpResponse;
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
 * The acceptance cases of the original system (issue 3, item 7), each a named test with both sides side by side.
 * The role-change case belongs with live revocation and is tested there.
 */
@Timeout(60)
class AcceptanceCasesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir, Twins.GENEROUS_LIMITS, null);
        ContractFixture.generate(3).loadInto(server.store());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void restRequiresAuthenticationSoDoesTheWebSocket() {
        assertThat(server.get("/api/v1/app/tasks/ten0-t1", null).statusCode()).isEqualTo(401);
        try (WsClient client = server.client()) {
            JsonNode reply = client.request(Twins.subscribeMessage("s", List.of("task.ten0-t1")));
            assertThat(reply.path("type").asText()).isEqualTo("error");
            assertThat(reply.path("code").asText()).isEqualTo("AUTH_REQUIRED");
            assertThat(reply.path("status").asInt()).isEqualTo(401);
            assertThat(reply.path("message").asText()).containsIgnoringCase("auth");
        }
    }

    @Test
    void restForbidsAnotherTenantsTaskSoSubscribeIsDeniedWith403() {
        assertThat(server.get("/api/v1/app/tasks/ten0-t1", server.token("ten1-admin"))
                        .statusCode())
                .isEqualTo(403);
        try (WsClient client = server.clientAs("ten1-admin")) {
            assertThat(Twins.subscribe(client, List.of("task.ten0-t1"))
                            .get("task.ten0-t1")
                            .status())
                    .isEqualTo(403);
        }
    }

    @Test
    void restListsAreTenantFilteredSoTheWebSocketDeliversOnlyTheTenantsEvents() {
        List<String> listed = new ArrayList<>();
        parse(server.get("/api/v1/app/tasks", server.token("ten1-admin")))
                .path("data")
                .forEach(t -> listed.add(t.path("id").asText()));
        assertThat(listed).isNotEmpty().allMatch(id -> id.startsWith("ten1-"));
        try (WsClient other = server.clientAs("ten1-admin");
                WsClient own = server.clientAs("ten0-admin")) {
            List<String> channels =
                    new ArrayList<>(listed.stream().map(id -> "task." + id).toList());
            channels.add("dashboard.ten1-admin");
            assertThat(Twins.subscribe(other, channels).values()).allMatch(o -> o.status() == 200);
            assertThat(Twins.subscribe(own, List.of("task.ten0-t1")).values()).allMatch(o -> o.status() == 200);
            assertThat(server.send(
                                    "PATCH",
                                    "/api/v1/app/tasks/ten0-t1",
                                    server.token("ten0-admin"),
                                    "{\"title\":\"Moved on\"}")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(own.nextOfType("event").path("channel").asText()).isEqualTo("task.ten0-t1");
            server.publish(
                    "ten1",
                    "dashboard.ten1-admin",
                    "test.fence",
                    JSON.createObjectNode().put("tenant_id", "ten1"));
            assertThat(other.nextOfType("event").path("event").asText()).isEqualTo("test.fence");
        }
    }

    @Test
    void theSameTokenWorksOnBoth() {
        String token = server.token("ten0-member");
        assertThat(server.get("/api/v1/app/tasks/ten0-t1", token).statusCode()).isEqualTo(200);
        try (WsClient byMessage = server.client()) {
            JsonNode auth = byMessage.request("{\"type\":\"authenticate\",\"token\":\"" + token + "\"}");
            assertThat(auth.path("type").asText()).isEqualTo("authentication");
            assertThat(Twins.subscribe(byMessage, List.of("task.ten0-t1"))
                            .get("task.ten0-t1")
                            .status())
                    .isEqualTo(200);
        }
        try (WsClient byHeader = WsClient.connect(server.ws(null), Map.of("Authorization", "Bearer " + token))) {
            assertThat(byHeader.nextOfType("authentication").path("user_id").asText())
                    .isEqualTo("ten0-member");
            assertThat(Twins.subscribe(byHeader, List.of("task.ten0-t1"))
                            .get("task.ten0-t1")
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    void theTenantScopeComesFromTheUsersTenantNeverFromTheRequest() {
        String token = server.token("ten0-admin");
        List<String> listed = new ArrayList<>();
        parse(server.get("/api/v1/app/tasks?tenant_id=ten1&tenant=ten1", token))
                .path("data")
                .forEach(t -> listed.add(t.path("id").asText()));
        assertThat(listed).isNotEmpty().allMatch(id -> id.startsWith("ten0-"));
        HttpResponse<String> created = server.send(
                "POST",
                "/api/v1/app/tasks",
                token,
                "{\"tenant_id\":\"ten1\",\"project_id\":\"ten0-p1\",\"title\":\"Here\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(parse(created).path("data").path("tenant_id").asText()).isEqualTo("ten0");
        // A token claiming another tenant than its user's is not valid anywhere.
        String claimsTen1 = Jwts.hs256(TestServer.SECRET, "ten0-admin", "ten1", b -> b);
        assertThat(server.get("/api/v1/app/tasks/ten1-t1", claimsTen1).statusCode())
                .isEqualTo(401);
        try (WsClient client = server.client()) {
            JsonNode reply = client.request("{\"type\":\"authenticate\",\"token\":\"" + claimsTen1 + "\"}");
            assertThat(reply.path("code").asText()).isEqualTo("AUTH_INVALID");
        }
    }

    @Test
    void aClientIsRefusedAProjectTheyAreNotAMemberOf() {
        HttpResponse<String> rest = server.get("/api/v1/app/projects/ten0-p2", server.token("ten0-client"));
        assertThat(rest.statusCode()).isEqualTo(403);
        try (WsClient client = server.clientAs("ten0-client")) {
            Twins.Outcome ws = Twins.subscribe(client, List.of("project.ten0-p2", "project.ten0-p1"))
                    .get("project.ten0-p2");
            assertThat(ws.status()).isEqualTo(403);
            assertThat(ws.code()).isEqualTo("FORBIDDEN");
            assertThat(ws.message()).containsIgnoringCase("tenant").containsIgnoringCase("permission");
        }
    }

    private static JsonNode parse(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }
}
