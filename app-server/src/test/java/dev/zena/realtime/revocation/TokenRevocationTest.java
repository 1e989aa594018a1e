package dev.zena.realtime.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zena.realtime.cli.ZenaCommand;
import dev.zena.realtime.store.ChangeSet;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.Stores;
import dev.zena.realtime.store.User;
import dev.zena.realtime.sync.Importer;
import dev.zena.realtime.testing.Jwts;
import dev.zena.realtime.testing.TestServer;
import dev.zena.realtime.testing.WsClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC §4.2: when the token itself stops being valid, a live {@code /ws} connection and an admin feed close with
 * 4003 within 1 second, with the reason of SPEC §3 and no unsubscriptions first. Every way is written by another
 * process: {@code revoke} run as a second shell would, or another store instance on the same file; both endpoints
 * are re-checked by the one token rule ({@code TokenValidator.failureOf}, reasons from {@code AuthFailure}).
 */
@Timeout(60)
class TokenRevocationTest {

    private static final Duration WITHIN = Duration.ofMillis(1500);
    private static final String USER = "acme-admin";
    private static final String JTI = "jti-of-the-test-token";

    /** One way a token stops being valid, written by another process, and the 4003 reason it closes with. */
    enum Way {
        REVOKE_USER("token_revoked"),
        REVOKE_JTI("token_revoked"),
        USER_DISABLED("user_disabled"),
        USER_DELETED("user_disabled"),
        TENANT_MOVED("user_disabled");

        final String reason;

        Way(String reason) {
            this.reason = reason;
        }
    }

    /** Where the token is in use. */
    enum Endpoint {
        WS,
        ADMIN_FEED
    }

    static Stream<Arguments> everyWayOnEveryEndpoint() {
        return Arrays.stream(Way.values())
                .flatMap(way -> Arrays.stream(Endpoint.values()).map(endpoint -> arguments(way, endpoint)));
    }

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

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("everyWayOnEveryEndpoint")
    void theConnectionClosesWith4003AndTheReasonOfTheWay(Way way, Endpoint endpoint) throws Exception {
        String token = Jwts.hs256(
                TestServer.SECRET,
                USER,
                "acme",
                b -> b.withJWTId(JTI).withIssuedAt(Instant.now().minusSeconds(30)));
        try (WsClient client = open(endpoint, token)) {
            make(way);
            assertThat(client.awaitClose(WITHIN)).isEqualTo(4003);
            assertThat(client.closeReason()).isEqualTo(way.reason);
            assertThat(client.drain())
                    .as("no unsubscription before the close")
                    .noneMatch(message -> message.contains("\"unsubscription\""));
        }
    }

    @Test
    void revokingOneJtiClosesThatTokensConnectionOnly() throws Exception {
        String revoked = Jwts.hs256(TestServer.SECRET, USER, "acme", b -> b.withJWTId(JTI));
        String other = Jwts.hs256(TestServer.SECRET, USER, "acme", b -> b.withJWTId("another-jti"));
        try (WsClient closed = open(Endpoint.WS, revoked);
                WsClient kept = open(Endpoint.WS, other)) {
            make(Way.REVOKE_JTI);
            assertThat(closed.awaitClose(WITHIN)).isEqualTo(4003);
            assertThat(kept.request("{\"type\":\"ping\"}").path("type").asText())
                    .isEqualTo("pong");
            assertThat(kept.request("{\"type\":\"subscribe\",\"channel\":\"dashboard.acme-admin\"}")
                            .path("granted")
                            .toString())
                    .isEqualTo("[\"dashboard.acme-admin\"]");
        }
    }

    /** A connection using {@code token}: on {@code /ws} authenticated and holding a channel, or an open feed. */
    private WsClient open(Endpoint endpoint, String token) {
        return switch (endpoint) {
            case WS -> {
                WsClient client = server.client();
                assertThat(client.request("{\"type\":\"authenticate\",\"token\":\"" + token + "\"}")
                                .path("type")
                                .asText())
                        .isEqualTo("authentication");
                JsonNode reply = client.request("{\"type\":\"subscribe\",\"channel\":\"dashboard.acme-admin\"}");
                assertThat(reply.path("granted")).hasSize(1);
                yield client;
            }
            case ADMIN_FEED -> {
                WsClient feed = WsClient.connect(
                        URI.create("ws://127.0.0.1:" + server.port() + "/api/v1/admin/feed"),
                        Map.of("Authorization", "Bearer " + token));
                assertThat(feed.nextOfType("hello").path("scope").asText()).isEqualTo("acme");
                yield feed;
            }
        };
    }

    private void make(Way way) throws Exception {
        switch (way) {
            case REVOKE_USER -> assertThat(revoke("--user", USER)).isZero();
            case REVOKE_JTI ->
                assertThat(revoke("--jti", JTI, "--exp", "2099-01-01T00:00:00Z"))
                        .isZero();
            case USER_DISABLED ->
                importDocument(
                        "{\"users\":[{\"id\":\"acme-admin\",\"tenant_id\":\"acme\","
                                + "\"name\":\"Ada Admin\",\"email\":\"ada@acme.test\",\"role\":\"admin\",\"is_active\":false}]}");
            case USER_DELETED -> importDocument("{\"deleted\":{\"users\":[\"acme-admin\"]}}");
            // Import refuses to move an entity across tenants; a backend writing the database directly does not.
            case TENANT_MOVED -> {
                User user = otherProcess.user(USER).orElseThrow();
                otherProcess.apply(new ChangeSet(
                        List.of(),
                        List.of(new User(
                                user.id(), "globex", user.name(), user.email(), user.role(), user.isActive(), null)),
                        List.of(),
                        List.of(),
                        Map.of(),
                        List.of(),
                        ChangeSet.Deletions.NONE));
            }
        }
    }

    /** {@code revoke ...} as run from a second shell on the server's database. */
    private int revoke(String... args) {
        var cli = ZenaCommand.commandLine(
                Map.of("WEBSOCKET_DB", server.config().db(), "WEBSOCKET_JWT_SECRET", TestServer.SECRET));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        String[] command = new String[args.length + 1];
        command[0] = "revoke";
        System.arraycopy(args, 0, command, 1, args.length);
        return cli.execute(command);
    }

    private void importDocument(String json) throws Exception {
        new Importer(otherProcess).importDocument(json.getBytes(StandardCharsets.UTF_8), false);
    }
}
