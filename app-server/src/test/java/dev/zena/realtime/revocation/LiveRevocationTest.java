package dev.zena.realtime.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.zena.realtime.store.Permission;
import dev.zena.realtime.store.PermissionMatrix;
import dev.zena.realtime.store.Role;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.Stores;
import dev.zena.realtime.sync.Importer;
import dev.zena.realtime.testing.Jwts;
import dev.zena.realtime.testing.TestClock;
import dev.zena.realtime.testing.TestServer;
import dev.zena.realtime.testing.WsClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §4.2 live revocation: changes written by ANOTHER store instance on the same file (as {@code import} or
 * {@code revoke} from a second shell would), or by this server's REST API, end subscriptions or close connections
 * within 1 second. One case per channel kind is in {@link RevocationByChannelKindTest}; every way a token stops
 * being valid, on {@code /ws} and on the admin feed, in {@link TokenRevocationTest}.
 */
@Timeout(60)
class LiveRevocationTest {

    private static final Duration WITHIN = Duration.ofMillis(1500);

    @TempDir
    Path dir;

    TestServer server;
    Store otherProcess;

    @BeforeEach
    void start() {
        server = TestServer.start(dir);
        otherProcess = Stores.open(server.config().db());
    }

    @AfterEach
    void stop() {
        otherProcess.close();
        server.close();
    }

    @Test
    void removingAClientFromAProjectEndsThatSubscriptionWithAReason() throws Exception {
        try (WsClient client = subscribed("acme-client", "project.acme-tower", "dashboard.acme-client")) {
            importDocument("{\"projects\":[{\"id\":\"acme-tower\",\"tenant_id\":\"acme\",\"name\":\"Tower\","
                    + "\"members\":[\"acme-member\"]}]}");
            JsonNode message = client.next(WITHIN);
            assertThat(message.path("type").asText()).isEqualTo("unsubscription");
            assertThat(message.path("channels").toString()).isEqualTo("[\"project.acme-tower\"]");
            assertThat(message.path("remaining_channels").toString()).isEqualTo("[\"dashboard.acme-client\"]");
            assertThat(message.path("reason").path("code").asText()).isEqualTo("FORBIDDEN");
            assertThat(message.path("reason").path("status").asInt()).isEqualTo(403);
            assertThat(message.has("id")).isFalse();
        }
    }

    @Test
    void removingAClientFromAProjectAlsoEndsItsTasksChannels() throws Exception {
        try (WsClient client = subscribed("acme-client", "task.acme-t1", "task.acme-t2")) {
            importDocument("{\"projects\":[{\"id\":\"acme-tower\",\"tenant_id\":\"acme\",\"name\":\"Tower\","
                    + "\"members\":[\"acme-member\"]}]}");
            JsonNode message = client.next(WITHIN);
            assertThat(message.path("channels").toString()).isEqualTo("[\"task.acme-t1\"]");
            assertThat(message.path("remaining_channels").toString()).isEqualTo("[\"task.acme-t2\"]");
        }
    }

    @Test
    void reassigningATaskEndsTheFormerAssigneesSubscriptionWhenNothingElseGrantsIt() {
        try (WsClient client = subscribed("acme-client", "task.acme-t2")) {
            var answer = server.send(
                    "PATCH", "/api/v1/app/tasks/acme-t2", server.token("acme-pm"), "{\"assignee_id\":\"acme-member\"}");
            assertThat(answer.statusCode()).isEqualTo(200);
            JsonNode message = client.nextOfType("unsubscription");
            assertThat(message.path("channels").toString()).isEqualTo("[\"task.acme-t2\"]");
            assertThat(message.path("reason").path("code").asText()).isEqualTo("FORBIDDEN");
        }
    }

    @Test
    void changingARolesPermissionsEndsSubscriptionsThatNeededThem() {
        try (WsClient client = subscribed("acme-member", "project.acme-tower", "notifications.acme-member")) {
            PermissionMatrix matrix = otherProcess.permissions();
            Set<Permission> without = EnumSet.copyOf(matrix.of(Role.MEMBER));
            without.remove(Permission.PROJECTS_VIEW);
            otherProcess.savePermissions(matrix.withRole(Role.MEMBER, without));
            JsonNode message = client.next(WITHIN);
            assertThat(message.path("channels").toString()).isEqualTo("[\"project.acme-tower\"]");
            assertThat(message.path("remaining_channels").toString()).isEqualTo("[\"notifications.acme-member\"]");
        }
    }

    @Test
    void changingAUsersRoleEndsWhatTheNewRoleMayNotRead() throws Exception {
        try (WsClient client = subscribed("acme-pm", "metrics.acme", "project.acme-bridge")) {
            importDocument("{\"users\":[{\"id\":\"acme-pm\",\"tenant_id\":\"acme\",\"name\":\"Pat Manager\","
                    + "\"email\":\"pat@acme.test\",\"role\":\"client\"}]}");
            JsonNode message = client.next(WITHIN);
            assertThat(message.path("type").asText()).isEqualTo("unsubscription");
            assertThat(message.path("channels").toString()).isEqualTo("[\"metrics.acme\",\"project.acme-bridge\"]");
            assertThat(message.path("remaining_channels").size()).isZero();
        }
    }

    @Test
    void reachingExpClosesWith4003TokenExpired() {
        // On the server's injected clock: exp is reached by moving the clock, not by waiting for it.
        TestClock clock = TestClock.frozenNow();
        try (TestServer timed = TestServer.start(dir.resolve("timed"), Map.of(), "fixtures/basic.json", clock)) {
            String token = Jwts.hs256(
                    TestServer.SECRET,
                    "acme-pm",
                    "acme",
                    b -> b.withExpiresAt(clock.instant().plusSeconds(60)));
            try (WsClient client = timed.client()) {
                assertThat(client.request("{\"type\":\"authenticate\",\"token\":\"" + token + "\"}")
                                .path("type")
                                .asText())
                        .isEqualTo("authentication");
                client.assertNothingBeforeSentinel();
                clock.advance(Duration.ofSeconds(61));
                assertThat(client.awaitClose(WITHIN)).isEqualTo(4003);
                assertThat(client.closeReason()).isEqualTo("token_expired");
            }
        }
    }

    @Test
    void unrelatedChangesLeaveSubscriptionsAlone() throws Exception {
        try (WsClient client = subscribed("acme-member", "project.acme-tower", "task.acme-t3")) {
            importDocument("{\"users\":[{\"id\":\"globex-member\",\"tenant_id\":\"globex\",\"name\":\"Renamed\","
                    + "\"email\":\"gil@globex.test\",\"role\":\"member\"},{\"id\":\"acme-pm\",\"tenant_id\":\"acme\","
                    + "\"name\":\"Pat Renamed\",\"email\":\"pat@acme.test\",\"role\":\"project_manager\"}]}");
            // The sentinel: a later change that does end one channel. Changes are applied in log order, so the
            // unrelated ones were applied by the time this unsubscription is sent.
            importDocument("{\"deleted\":{\"tasks\":[\"acme-t3\"]}}");
            JsonNode message = client.next(WITHIN);
            assertThat(message.path("type").asText()).isEqualTo("unsubscription");
            assertThat(message.path("channels").toString()).isEqualTo("[\"task.acme-t3\"]");
            assertThat(message.path("remaining_channels").toString()).isEqualTo("[\"project.acme-tower\"]");
            server.publish("acme", "project.acme-tower", "probe.sent", JsonNodeFactory.instance.objectNode());
            assertThat(client.next(WITHIN).path("channel").asText()).isEqualTo("project.acme-tower");
        }
    }

    private WsClient subscribed(String userId, String... channels) {
        WsClient client = server.clientAs(userId);
        StringBuilder list = new StringBuilder();
        for (String channel : channels) {
            list.append(list.length() == 0 ? "" : ",")
                    .append('"')
                    .append(channel)
                    .append('"');
        }
        JsonNode reply = client.request("{\"type\":\"subscribe\",\"channels\":[" + list + "]}");
        assertThat(reply.path("granted")).hasSize(channels.length);
        return client;
    }

    private void importDocument(String json) throws Exception {
        new Importer(otherProcess).importDocument(json.getBytes(StandardCharsets.UTF_8), false);
    }
}
