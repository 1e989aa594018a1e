package dev.zena.realtime.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zena.realtime.testing.TestServer;
import dev.zena.realtime.testing.WsClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** SPEC §5 caps on authenticated connections: 2 per user, 3 per tenant here. CONNECTION_LIMIT, then 4029. */
@Timeout(30)
class ConnectionCapTest {

    @TempDir
    static Path dir;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(
                dir,
                Map.of("limits.connections_per_user", "2", "limits.connections_per_tenant", "3"),
                "fixtures/basic.json");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aUsersThirdConnectionIsRefusedAtAuthenticationAndClosedWith4029() {
        try (WsClient one = server.clientAs("globex-member");
                WsClient two = server.clientAs("globex-member");
                WsClient three = server.client()) {
            JsonNode refused = three.request(authenticate("globex-member", 5));
            assertThat(refused.path("type").asText()).isEqualTo("error");
            assertThat(refused.path("code").asText()).isEqualTo("CONNECTION_LIMIT");
            assertThat(refused.path("status").asInt()).isEqualTo(429);
            assertThat(refused.path("id").asInt()).isEqualTo(5);
            assertThat(three.awaitClose(WsClient.WAIT)).isEqualTo(4029);
            JsonNode refresh = one.request(authenticate("globex-member", 6));
            assertThat(refresh.path("type").asText())
                    .as("a refresh is not counted again")
                    .isEqualTo("authentication");
        }
    }

    @Test
    void aClosedConnectionGivesItsPlaceBack() {
        WsClient first = server.clientAs("globex-admin");
        try (WsClient second = server.clientAs("globex-admin")) {
            first.close();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> server.server().limits().connections().ofUser("globex-admin") == 1);
            try (WsClient third = server.clientAs("globex-admin")) {
                assertThat(third.isClosed()).isFalse();
            }
        }
    }

    @Test
    void theTenantsFourthUserIsRefusedEvenWithAHandshakeToken() {
        try (WsClient a = server.clientAs("acme-member");
                WsClient b = server.clientAs("acme-pm");
                WsClient c = server.clientAs("acme-admin");
                WsClient d = WsClient.connect(server.ws("token=" + server.token("acme-client")))) {
            assertThat(d.next().path("type").asText()).isEqualTo("connection");
            JsonNode refused = d.next();
            assertThat(refused.path("code").asText()).isEqualTo("CONNECTION_LIMIT");
            assertThat(refused.has("id")).isFalse();
            assertThat(d.awaitClose(WsClient.WAIT)).isEqualTo(4029);
            assertThat(server.server().limits().connections().ofTenant("acme")).isEqualTo(3);
        }
    }

    private static String authenticate(String user, int id) {
        return "{\"type\":\"authenticate\",\"id\":" + id + ",\"token\":\"" + server.token(user) + "\"}";
    }
}
