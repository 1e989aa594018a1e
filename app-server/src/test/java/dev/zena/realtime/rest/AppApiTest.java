package dev.zena.realtime.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zena.realtime.contract.ContractFixture;
import dev.zena.realtime.contract.Twins;
import dev.zena.realtime.testing.TestServer;
import dev.zena.realtime.testing.WsClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SPEC §6 App API over real HTTP: the seven twins' bodies, the tenant- and visibility-filtered lists with cursor
 * paging, task creation and update with input validation, the error body, and the {@code task.*} events the
 * writes publish to WebSocket subscribers of the task's tenant only. Lists are read in tenant ten2, which no
 * test writes to; writes happen in ten0.
 */
@Timeout(60)
class AppApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ULID = "[0-9A-HJKMNP-TV-Z]{26}";

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

    // ---- the seven twins

    @Test
    void twinsAnswerTheirResourceUnderData() {
        String token = server.token("ten0-admin");
        JsonNode project = data(ok(server.get("/api/v1/app/projects/ten0-p1", token)));
        assertThat(project.path("id").asText()).isEqualTo("ten0-p1");
        assertThat(project.path("tenant_id").asText()).isEqualTo("ten0");
        assertThat(texts(project.path("members"))).containsExactlyInAnyOrder("ten0-member", "ten0-client", "ten0-gone");
        JsonNode task = data(ok(server.get("/api/v1/app/tasks/ten0-t3", token)));
        assertThat(task.path("id").asText()).isEqualTo("ten0-t3");
        assertThat(task.path("project_id").asText()).isEqualTo("ten0-p2");
        assertThat(task.path("assignee_id").asText()).isEqualTo("ten0-client");
        assertThat(task.path("title").asText()).isEqualTo("Task ten0-t3");
        assertThat(task.path("status").asText()).isEqualTo("open");
        JsonNode unassigned = data(ok(server.get("/api/v1/app/tasks/ten0-t4", token)));
        assertThat(unassigned.has("assignee_id")).isTrue();
        assertThat(unassigned.path("assignee_id").isNull()).isTrue();
        assertThat(data(ok(server.get("/api/v1/app/users/ten0-admin/dashboard", token)))
                        .path("widgets")
                        .isArray())
                .isTrue();
        assertThat(data(ok(server.get("/api/v1/app/users/ten0-admin/alerts", token)))
                        .path("alerts")
                        .isArray())
                .isTrue();
        assertThat(data(ok(server.get("/api/v1/app/users/ten0-admin/notifications", token)))
                        .path("notifications")
                        .isArray())
                .isTrue();
        assertThat(data(ok(server.get("/api/v1/app/tenants/ten0/metrics", token)))
                        .path("tenant_id")
                        .asText())
                .isEqualTo("ten0");
        assertThat(data(ok(server.get("/api/v1/app/tenants/ten0/system", token)))
                        .path("tenant_id")
                        .asText())
                .isEqualTo("ten0");
    }

    // ---- lists

    @Test
    void listsShowOnlyTheCallersTenant() {
        String token = server.token("ten2-admin");
        assertThat(ids(server.get("/api/v1/app/tasks", token)))
                .containsExactly("ten2-t1", "ten2-t2", "ten2-t3", "ten2-t4", "ten2-t5");
        assertThat(ids(server.get("/api/v1/app/projects", token))).containsExactly("ten2-p1", "ten2-p2", "ten2-p3");
        assertThat(ids(server.get("/api/v1/app/tasks", server.token("ten2-super"))))
                .allMatch(id -> id.startsWith("ten2-"))
                .hasSize(5);
    }

    @Test
    void aClientListsOnlyMemberProjectsAndTheirTasksOrTasksAssignedToThem() {
        String token = server.token("ten2-client");
        assertThat(ids(server.get("/api/v1/app/projects", token))).containsExactly("ten2-p1");
        // t1, t2 are in p1 where the client is a member; t3 is in p2 but assigned to the client.
        assertThat(ids(server.get("/api/v1/app/tasks", token))).containsExactly("ten2-t1", "ten2-t2", "ten2-t3");
    }

    @Test
    void nothingVisibleIsAnEmptyListNotARefusal() {
        String token = server.token("ten2-client2");
        for (String path : List.of("/api/v1/app/tasks", "/api/v1/app/projects")) {
            JsonNode body = ok(server.get(path, token));
            assertThat(body.path("data").isArray()).isTrue();
            assertThat(body.path("data")).isEmpty();
            assertThat(body.has("next_cursor")).isTrue();
            assertThat(body.path("next_cursor").isNull()).isTrue();
        }
    }

    @Test
    void listsPageWithLimitAndNextCursor() {
        String token = server.token("ten2-pm");
        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode body =
                    ok(server.get("/api/v1/app/tasks?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), token));
            body.path("data").forEach(t -> seen.add(t.path("id").asText()));
            sizes.add(body.path("data").size());
            cursor = body.path("next_cursor").isNull()
                    ? null
                    : body.path("next_cursor").asText();
        } while (cursor != null && sizes.size() < 10);
        assertThat(sizes).containsExactly(2, 2, 1);
        assertThat(seen).containsExactly("ten2-t1", "ten2-t2", "ten2-t3", "ten2-t4", "ten2-t5");
        JsonNode first = ok(server.get("/api/v1/app/projects?limit=1", token));
        assertThat(ids(first)).containsExactly("ten2-p1");
        assertThat(first.path("next_cursor").asText()).isEqualTo("ten2-p1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=201", "limit=two", "cursor=a.b"})
    void badPagingParametersAre400NamingTheParameter(String query) {
        HttpResponse<String> response = server.get("/api/v1/app/tasks?" + query, server.token("ten2-admin"));
        assertError(response, 400, "INVALID_MESSAGE", query.substring(0, query.indexOf('=')));
    }

    // ---- create

    @Test
    void createAnswers201WithTheTaskUnderAServerMadeUlid() {
        String token = server.token("ten0-member");
        HttpResponse<String> response = server.send(
                "POST",
                "/api/v1/app/tasks",
                token,
                "{\"project_id\":\"ten0-p2\",\"title\":\"Pour concrete\",\"status\":\"doing\","
                        + "\"assignee_id\":\"ten0-gone\",\"tenant_id\":\"ten1\",\"id\":\"chosen-by-client\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode task = data(parse(response));
        assertThat(task.path("id").asText()).matches(ULID);
        // The tenant comes from the token, never from the request; the inactive assignee is allowed (SPEC §1).
        assertThat(task.path("tenant_id").asText()).isEqualTo("ten0");
        assertThat(task.path("project_id").asText()).isEqualTo("ten0-p2");
        assertThat(task.path("title").asText()).isEqualTo("Pour concrete");
        assertThat(task.path("status").asText()).isEqualTo("doing");
        assertThat(task.path("assignee_id").asText()).isEqualTo("ten0-gone");
        assertThat(data(ok(server.get("/api/v1/app/tasks/" + task.path("id").asText(), token))))
                .isEqualTo(task);
    }

    @Test
    void createDefaultsStatusToOpenAndAcceptsAThirtyTwoCharacterStatus() {
        String token = server.token("ten0-pm");
        JsonNode plain = data(parse(created(
                server.send("POST", "/api/v1/app/tasks", token, "{\"project_id\":\"ten0-p3\",\"title\":\"T\"}"))));
        assertThat(plain.path("status").asText()).isEqualTo("open");
        assertThat(plain.path("assignee_id").isNull()).isTrue();
        String status = "s".repeat(32);
        JsonNode longest = data(parse(created(server.send(
                "POST",
                "/api/v1/app/tasks",
                token,
                "{\"project_id\":\"ten0-p3\",\"title\":\"" + "t".repeat(200) + "\",\"status\":\"" + status + "\"}"))));
        assertThat(longest.path("status").asText()).isEqualTo(status);
    }

    @Test
    void createRequiresTasksCreate() {
        HttpResponse<String> response = server.send(
                "POST",
                "/api/v1/app/tasks",
                server.token("ten0-client"),
                "{\"project_id\":\"ten0-p1\",\"title\":\"Mine\"}");
        assertError(response, 403, "FORBIDDEN", null);
        assertThat(server.store().tasks("ten0")).noneMatch(t -> t.title().equals("Mine"));
    }

    static Stream<Arguments> invalidCreations() {
        return Stream.of(
                Arguments.of("missing title", "{\"project_id\":\"ten0-p1\"}", "title"),
                Arguments.of("empty title", "{\"project_id\":\"ten0-p1\",\"title\":\"\"}", "title"),
                Arguments.of(
                        "title of 201", "{\"project_id\":\"ten0-p1\",\"title\":\"" + "t".repeat(201) + "\"}", "title"),
                Arguments.of("title a number", "{\"project_id\":\"ten0-p1\",\"title\":7}", "title"),
                Arguments.of(
                        "status of 33",
                        "{\"project_id\":\"ten0-p1\",\"title\":\"T\",\"status\":\"" + "s".repeat(33) + "\"}",
                        "status"),
                Arguments.of("empty status", "{\"project_id\":\"ten0-p1\",\"title\":\"T\",\"status\":\"\"}", "status"),
                Arguments.of("missing project", "{\"title\":\"T\"}", "project_id"),
                Arguments.of("bad project id", "{\"project_id\":\"bad id!\",\"title\":\"T\"}", "project_id"),
                Arguments.of("unknown project", "{\"project_id\":\"missing\",\"title\":\"T\"}", "project_id"),
                Arguments.of("another tenant's project", "{\"project_id\":\"ten1-p1\",\"title\":\"T\"}", "project_id"),
                Arguments.of(
                        "another tenant's assignee",
                        "{\"project_id\":\"ten0-p1\",\"title\":\"T\",\"assignee_id\":\"ten1-member\"}",
                        "assignee_id"),
                Arguments.of(
                        "unknown assignee",
                        "{\"project_id\":\"ten0-p1\",\"title\":\"T\",\"assignee_id\":\"missing\"}",
                        "assignee_id"),
                Arguments.of("body not JSON", "{\"project_id\":", "body"),
                Arguments.of("body an array", "[{\"project_id\":\"ten0-p1\",\"title\":\"T\"}]", "body"),
                Arguments.of("body empty", "", "body"));
    }

    @ParameterizedTest(name = "{0} → 400 field {2}")
    @MethodSource("invalidCreations")
    void invalidCreationIs400NamingTheField(String what, String body, String field) {
        int before = server.store().tasks("ten0").size();
        HttpResponse<String> response = server.send("POST", "/api/v1/app/tasks", server.token("ten0-admin"), body);
        assertError(response, 400, "INVALID_MESSAGE", field);
        assertThat(server.store().tasks("ten0")).hasSize(before);
    }

    // ---- update

    @Test
    void patchUpdatesTheGivenFieldsAndAnswers200() {
        String token = server.token("ten0-member");
        JsonNode task = data(ok(server.send(
                "PATCH",
                "/api/v1/app/tasks/ten0-t2",
                token,
                "{\"title\":\"Renamed\",\"assignee_id\":\"ten0-client2\"}")));
        assertThat(task.path("title").asText()).isEqualTo("Renamed");
        assertThat(task.path("assignee_id").asText()).isEqualTo("ten0-client2");
        assertThat(task.path("status").asText()).isEqualTo("open");
        assertThat(data(ok(server.get("/api/v1/app/tasks/ten0-t2", token)))).isEqualTo(task);
        JsonNode unassigned = data(ok(server.send(
                "PATCH", "/api/v1/app/tasks/ten0-t2", token, "{\"assignee_id\":null,\"project_id\":\"ten0-p1\"}")));
        assertThat(unassigned.path("assignee_id").isNull()).isTrue();
        assertThat(unassigned.path("title").asText()).isEqualTo("Renamed");
    }

    @Test
    void patchRefusals() {
        String admin = server.token("ten0-admin");
        assertError(
                server.send("PATCH", "/api/v1/app/tasks/missing", admin, "{\"title\":\"X\"}"), 404, "NOT_FOUND", null);
        assertError(
                server.send("PATCH", "/api/v1/app/tasks/ten1-t1", admin, "{\"title\":\"X\"}"), 403, "FORBIDDEN", null);
        assertError(
                server.send("PATCH", "/api/v1/app/tasks/ten0-t5", admin, "{\"project_id\":\"ten0-p1\"}"),
                400,
                "INVALID_MESSAGE",
                "project_id");
        assertError(
                server.send("PATCH", "/api/v1/app/tasks/ten0-t5", admin, "{\"status\":\"" + "s".repeat(33) + "\"}"),
                400,
                "INVALID_MESSAGE",
                "status");
        assertError(
                server.send("PATCH", "/api/v1/app/tasks/ten0-t5", admin, "{\"assignee_id\":\"ten2-admin\"}"),
                400,
                "INVALID_MESSAGE",
                "assignee_id");
        // A client may read task t1 (member of its project) but lacks tasks.update.
        assertError(
                server.send("PATCH", "/api/v1/app/tasks/ten0-t1", server.token("ten0-client"), "{\"title\":\"X\"}"),
                403,
                "FORBIDDEN",
                null);
        assertThat(server.store().task("ten1-t1").orElseThrow().title()).isEqualTo("Task ten1-t1");
        assertThat(server.store().task("ten0-t5").orElseThrow().projectId()).isEqualTo("ten0-p3");
        assertThat(server.store().task("ten0-t1").orElseThrow().title()).isNotEqualTo("X");
    }

    // ---- authentication and the error body

    static Stream<Arguments> everyEndpoint() {
        return Stream.of(
                Arguments.of("GET", "/api/v1/app/tasks"),
                Arguments.of("GET", "/api/v1/app/projects"),
                Arguments.of("POST", "/api/v1/app/tasks"),
                Arguments.of("PATCH", "/api/v1/app/tasks/ten0-t1"),
                Arguments.of("GET", "/api/v1/app/users/ten0-admin/dashboard"),
                Arguments.of("GET", "/api/v1/app/users/ten0-admin/alerts"),
                Arguments.of("GET", "/api/v1/app/users/ten0-admin/notifications"),
                Arguments.of("GET", "/api/v1/app/tenants/ten0/metrics"),
                Arguments.of("GET", "/api/v1/app/tenants/ten0/system"),
                Arguments.of("GET", "/api/v1/app/projects/ten0-p1"),
                Arguments.of("GET", "/api/v1/app/tasks/ten0-t1"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyEndpoint")
    void everyEndpointIs401WithoutATokenAndWithABadOne(String method, String path) {
        String body = "{\"project_id\":\"ten0-p1\",\"title\":\"T\"}";
        HttpResponse<String> none = server.send(method, path, null, method.equals("GET") ? null : body);
        assertError(none, 401, "AUTH_REQUIRED", null);
        HttpResponse<String> bad = server.send(method, path, "not-a-jwt", method.equals("GET") ? null : body);
        assertError(bad, 401, "AUTH_INVALID", null);
        assertThat(List.of(none, bad))
                .allSatisfy(r -> assertThat(errorOf(r).path("message").asText()).containsIgnoringCase("auth"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/v1/app/tasks/a.b",
                "/api/v1/app/projects/a%20b",
                "/api/v1/app/users/a.b/alerts",
                "/api/v1/app/tenants/x~y/system"
            })
    void aPathIdOutsideTheIdSyntaxIs400(String path) {
        assertError(server.get(path, server.token("ten0-admin")), 400, "INVALID_MESSAGE", "id");
    }

    @Test
    void aPathIdOfSixtyFiveCharactersIs400AndOfSixtyFourIsLookedUp() {
        String token = server.token("ten0-admin");
        assertError(server.get("/api/v1/app/tasks/" + "a".repeat(65), token), 400, "INVALID_MESSAGE", "id");
        assertError(
                server.send("PATCH", "/api/v1/app/tasks/" + "a".repeat(65), token, "{\"title\":\"X\"}"),
                400,
                "INVALID_MESSAGE",
                "id");
        assertError(server.get("/api/v1/app/tasks/" + "a".repeat(64), token), 404, "NOT_FOUND", null);
    }

    // ---- events

    @Test
    void patchPublishesTaskUpdatedAsGetReturnsItToSubscribersOfTheTenantOnly() {
        try (WsClient member = server.clientAs("ten0-member");
                WsClient other = server.clientAs("ten1-admin")) {
            assertThat(Twins.subscribe(member, List.of("task.ten0-t1", "project.ten0-p1"))
                            .values())
                    .allMatch(o -> o.status() == 200);
            assertThat(Twins.subscribe(other, List.of("task.ten1-t1", "project.ten1-p1", "dashboard.ten1-admin"))
                            .values())
                    .allMatch(o -> o.status() == 200);
            String token = server.token("ten0-admin");
            List<JsonNode> gets = new ArrayList<>();
            for (String status : List.of("first", "second")) {
                ok(server.send("PATCH", "/api/v1/app/tasks/ten0-t1", token, "{\"status\":\"" + status + "\"}"));
                gets.add(data(ok(server.get("/api/v1/app/tasks/ten0-t1", token))));
            }
            List<JsonNode> onTask = new ArrayList<>();
            List<JsonNode> onProject = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                JsonNode event = member.nextOfType("event");
                assertThat(event.path("event").asText()).isEqualTo("task.updated");
                (event.path("channel").asText().equals("task.ten0-t1") ? onTask : onProject).add(event);
            }
            assertThat(onTask).hasSize(2);
            assertThat(onProject)
                    .hasSize(2)
                    .allSatisfy(e -> assertThat(e.path("channel").asText()).isEqualTo("project.ten0-p1"));
            for (List<JsonNode> events : List.of(onTask, onProject)) {
                assertThat(events.get(0).path("data")).isEqualTo(gets.get(0));
                assertThat(events.get(1).path("data")).isEqualTo(gets.get(1));
                assertThat(events.get(1).path("offset").asLong())
                        .isEqualTo(events.get(0).path("offset").asLong() + 1);
                assertThat(events.get(0).path("timestamp").asText()).isNotBlank();
            }
            member.assertNothingBeforeSentinel();
            server.publish(
                    "ten1",
                    "dashboard.ten1-admin",
                    "test.fence",
                    JSON.createObjectNode().put("tenant_id", "ten1"));
            assertThat(other.nextOfType("event").path("event").asText())
                    .as("the first event the other tenant's subscriber gets is the fence")
                    .isEqualTo("test.fence");
        }
    }

    @Test
    void createPublishesTaskCreatedOnTheProjectChannel() {
        try (WsClient client = server.clientAs("ten0-client")) {
            assertThat(Twins.subscribe(client, List.of("project.ten0-p1")).values())
                    .allMatch(o -> o.status() == 200);
            String token = server.token("ten0-pm");
            JsonNode task = data(parse(created(server.send(
                    "POST", "/api/v1/app/tasks", token, "{\"project_id\":\"ten0-p1\",\"title\":\"Fresh\"}"))));
            JsonNode event = client.nextOfType("event");
            assertThat(event.path("event").asText()).isEqualTo("task.created");
            assertThat(event.path("channel").asText()).isEqualTo("project.ten0-p1");
            assertThat(event.path("data")).isEqualTo(task);
            assertThat(event.path("data"))
                    .isEqualTo(data(
                            ok(server.get("/api/v1/app/tasks/" + task.path("id").asText(), token))));
        }
    }

    // ---- helpers

    private static HttpResponse<String> created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return response;
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return parse(response);
    }

    private static JsonNode data(JsonNode body) {
        assertThat(body.path("data").isObject()).as("data of %s", body).isTrue();
        return body.path("data");
    }

    private static List<String> ids(HttpResponse<String> response) {
        return ids(ok(response));
    }

    private static List<String> ids(JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.path("data").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private static JsonNode parse(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    private static JsonNode errorOf(HttpResponse<String> response) {
        return parse(response).path("error");
    }

    /** The SPEC §6 error body: exactly code, status, message and (when given) field. */
    private static void assertError(HttpResponse<String> response, int status, String code, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode root = parse(response);
        assertThat(root.size()).as("top-level fields of %s", root).isEqualTo(1);
        JsonNode error = root.path("error");
        assertThat(error.path("code").asText()).as(response.body()).isEqualTo(code);
        assertThat(error.path("status").asInt()).isEqualTo(status);
        assertThat(error.path("message").asText()).isNotBlank();
        if (field == null) {
            assertThat(error.has("field")).as(response.body()).isFalse();
        } else {
            assertThat(error.path("field").asText()).as(response.body()).isEqualTo(field);
        }
    }
}
