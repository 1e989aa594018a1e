package dev.zena.realtime.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zena.realtime.testing.RawUpgrade;
import dev.zena.realtime.testing.TestServer;
import dev.zena.realtime.testing.WsClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The admin feed WebSocket: handshake refusals as plain HTTP, then opens and closes of real clients, scoped. */
@Timeout(60)
class AdminFeedTest {

    @TempDir
    static Path dir;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static WsClient feed(String query, Map<String, String> headers) {
        return WsClient.connect(
                URI.create(
                        "ws://127.0.0.1:" + server.port() + "/api/v1/admin/feed" + (query == null ? "" : "?" + query)),
                headers);
    }

    @Test
    void theHandshakeIsRefusedWith401Or403BeforeTheUpgrade() {
        RawUpgrade.Answer none = RawUpgrade.send(server.port(), "/api/v1/admin/feed", Map.of());
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.body()).contains("\"code\":\"AUTH_REQUIRED\"");
        RawUpgrade.Answer invalid = RawUpgrade.send(server.port(), "/api/v1/admin/feed?token=nope", Map.of());
        assertThat(invalid.status()).isEqualTo(401);
        assertThat(invalid.body()).contains("\"code\":\"AUTH_INVALID\"");
        RawUpgrade.Answer member = RawUpgrade.send(
                server.port(), "/api/v1/admin/feed", Map.of("Authorization", "Bearer " + server.token("acme-member")));
        assertThat(member.status()).isEqualTo(403);
        assertThat(member.body()).contains("\"code\":\"FORBIDDEN\"");
    }

    @Test
    void aFourthFeedOfOneUserIsRefusedWith429BeforeTheUpgrade() {
        Map<String, String> bearer = Map.of("Authorization", "Bearer " + server.token("globex-admin"));
        WsClient first = feed(null, bearer);
        try (WsClient second = feed(null, bearer);
                WsClient third = feed(null, bearer)) {
            first.nextOfType("hello");
            RawUpgrade.Answer refused = RawUpgrade.send(server.port(), "/api/v1/admin/feed", bearer);
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.head()).containsIgnoringCase("Retry-After: 5");
            assertThat(refused.body()).contains("\"code\":\"CONNECTION_LIMIT\"").contains("\"status\":429");
            try (WsClient otherUser = feed("token=" + server.token("acme-super"), Map.of())) {
                assertThat(otherUser.nextOfType("hello").path("scope").asText())
                        .as("another user")
                        .isEqualTo("*");
            }
            first.close();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> server.server().limits().feeds().ofUser("globex-admin") == 2);
            try (WsClient again = feed(null, bearer)) {
                assertThat(again.nextOfType("hello").path("scope").asText()).isEqualTo("globex");
            }
        }
    }

    @Test
    void aTenantFeedShowsItsTenantsOpensAndClosesOnly() {
        try (WsClient acmeFeed = feed("token=" + server.token("acme-admin"), Map.of());
                WsClient globalFeed = feed(null, Map.of("Authorization", "Bearer " + server.token("acme-super")))) {
            JsonNode hello = acmeFeed.nextOfType("hello");
            assertThat(hello.path("scope").asText()).isEqualTo("acme");
            assertThat(globalFeed.nextOfType("hello").path("scope").asText()).isEqualTo("*");

            String globexId;
            try (WsClient globex = server.clientAs("globex-member")) {
                JsonNode opened = globalFeed.nextOfType("connection_opened");
                assertThat(opened.path("connection").path("user_id").asText()).isEqualTo("globex-member");
                globexId = opened.path("connection").path("id").asText();
            }
            JsonNode globexClosed = globalFeed.nextOfType("connection_closed");
            assertThat(globexClosed.path("connection_id").asText()).isEqualTo(globexId);

            WsClient acme = server.clientAs("acme-member");
            JsonNode opened = acmeFeed.nextOfType("connection_opened");
            JsonNode connection = opened.path("connection");
            assertThat(connection.path("user_id").asText()).isEqualTo("acme-member");
            assertThat(connection.path("tenant_id").asText()).isEqualTo("acme");
            assertThat(connection.path("authenticated").asBoolean()).isTrue();
            String id = connection.path("id").asText();
            assertThat(server.send("DELETE", "/api/v1/admin/connections/" + id, server.token("acme-admin"), null)
                            .statusCode())
                    .isEqualTo(200);
            JsonNode closed = acmeFeed.nextOfType("connection_closed");
            assertThat(closed.path("connection_id").asText()).isEqualTo(id);
            assertThat(closed.path("user_id").asText()).isEqualTo("acme-member");
            assertThat(closed.path("code").asInt()).isEqualTo(4010);
            acme.close();

            // Everything the tenant feed received was about its own tenant.
            acmeFeed.drain().forEach(text -> assertThat(text).doesNotContain("globex-member"));
        }
    }
}
