package dev.zena.realtime.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zena.realtime.store.RevokedToken;
import dev.zena.realtime.store.SqliteStore;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.sync.Importer;
import dev.zena.realtime.testing.Jwts;
import dev.zena.realtime.testing.TestServer;
import dev.zena.realtime.testing.WsClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §6: the admin feed is re-checked live like any connection. Changes are written by ANOTHER store instance on
 * the same file, as {@code revoke} or {@code import} from a second shell would, and the feed closes with 4003
 * within 1 second (the deadline allows the ticker's 200 ms on top).
 */
@Timeout(60)
class AdminFeedRevocationTest {

    private static final Duration WITHIN = Duration.ofMillis(1500);

    @TempDir
    Path dir;

    TestServer server;
    Store otherProcess;

    @BeforeEach
    void start() {
        server = TestServer.start(dir);
        otherProcess = SqliteStore.open(server.config().db());
    }

    @AfterEach
    void stop() {
        otherProcess.close();
        server.close();
    }

    @Test
    void revokeUserClosesTheFeedWith4003TokenRevoked() {
        String token = Jwts.hs256(
                TestServer.SECRET,
                "acme-admin",
                "acme",
                b -> b.withIssuedAt(Instant.now().minusSeconds(30)));
        try (WsClient feed = feed(token)) {
            // What `revoke --user acme-admin` does (cli.RevokeCommand), from another process.
            otherProcess.setTokensValidAfter("acme-admin", Instant.now());
            assertThat(feed.awaitClose(WITHIN)).isEqualTo(4003);
            assertThat(feed.closeReason()).isEqualTo("token_revoked");
        }
    }

    @Test
    void revokingTheFeedTokensJtiClosesItWith4003TokenRevoked() {
        String token = Jwts.hs256(TestServer.SECRET, "acme-admin", "acme", b -> b.withJWTId("feed-jti"));
        try (WsClient feed = feed(token)) {
            otherProcess.revoke(new RevokedToken("feed-jti", Instant.now().plusSeconds(3600)));
            assertThat(feed.awaitClose(WITHIN)).isEqualTo(4003);
            assertThat(feed.closeReason()).isEqualTo("token_revoked");
        }
    }

    @Test
    void disablingTheUserByImportClosesTheFeedWith4003UserDisabled() throws Exception {
        try (WsClient feed = feed(server.token("acme-admin"))) {
            importDocument("{\"users\":[{\"id\":\"acme-admin\",\"tenant_id\":\"acme\",\"name\":\"Ada Admin\","
                    + "\"email\":\"ada@acme.test\",\"role\":\"admin\",\"is_active\":false}]}");
            assertThat(feed.awaitClose(WITHIN)).isEqualTo(4003);
            assertThat(feed.closeReason()).isEqualTo("user_disabled");
        }
    }

    @Test
    void deletingTheUserClosesTheFeedWith4003UserDisabled() throws Exception {
        try (WsClient feed = feed(server.token("acme-admin"))) {
            importDocument("{\"deleted\":{\"users\":[\"acme-admin\"]}}");
            assertThat(feed.awaitClose(WITHIN)).isEqualTo(4003);
            assertThat(feed.closeReason()).isEqualTo("user_disabled");
        }
    }

    @Test
    void demotingTheAdminToAMemberClosesTheFeedButAChangeToAnotherUserDoesNot() throws Exception {
        try (WsClient feed = feed(server.token("acme-admin"))) {
            importDocument("{\"users\":[{\"id\":\"acme-pm\",\"tenant_id\":\"acme\",\"name\":\"Pat Manager\","
                    + "\"email\":\"pat@acme.test\",\"role\":\"member\"}]}");
            awaitTickAfterNow(feed);
            try (WsClient client = server.clientAs("acme-member")) {
                assertThat(feed.nextOfType("connection_opened")
                                .path("connection")
                                .path("user_id")
                                .asText())
                        .as("still streaming after a change that is not about its caller")
                        .isEqualTo("acme-member");
            }

            // SPEC §4.3: admin.access cannot leave the admin role, so the admin leaves the role.
            importDocument("{\"users\":[{\"id\":\"acme-admin\",\"tenant_id\":\"acme\",\"name\":\"Ada Admin\","
                    + "\"email\":\"ada@acme.test\",\"role\":\"member\"}]}");
            assertThat(feed.awaitClose(WITHIN)).isEqualTo(4003);
            assertThat(feed.closeReason()).isEqualTo("access revoked");
        }
    }

    @Test
    void demotingASuperAdminToAdminClosesItsGlobalFeed() throws Exception {
        try (WsClient feed = feed(server.token("acme-super"), "*")) {
            importDocument("{\"users\":[{\"id\":\"acme-super\",\"tenant_id\":\"acme\",\"name\":\"Sam Super\","
                    + "\"email\":\"sam@acme.test\",\"role\":\"admin\"}]}");
            assertThat(feed.awaitClose(WITHIN))
                    .as("a global scope is not kept by an admin")
                    .isEqualTo(4003);
            assertThat(feed.closeReason()).isEqualTo("access revoked");
        }
    }

    private WsClient feed(String token) {
        return feed(token, "acme");
    }

    /** An open feed whose {@code hello} (with the expected scope) has been read. */
    private WsClient feed(String token, String scope) {
        WsClient feed = WsClient.connect(
                URI.create("ws://127.0.0.1:" + server.port() + "/api/v1/admin/feed"),
                Map.of("Authorization", "Bearer " + token));
        assertThat(feed.nextOfType("hello").path("scope").asText()).isEqualTo(scope);
        return feed;
    }

    /**
     * Waits for a traffic tick of a second that had not ended yet: it was sent at least a second from now, by a tick
     * that re-checked the feeds first, so the re-check has seen every change made before this call.
     */
    private static void awaitTickAfterNow(WsClient feed) {
        Instant after = Instant.now();
        while (true) {
            JsonNode tick = feed.nextOfType("traffic");
            if (!Instant.parse(tick.path("second").asText()).isBefore(after)) {
                return;
            }
        }
    }

    private void importDocument(String json) throws Exception {
        new Importer(otherProcess).importDocument(json.getBytes(StandardCharsets.UTF_8), false);
    }
}
