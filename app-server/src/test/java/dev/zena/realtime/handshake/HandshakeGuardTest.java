package dev.zena.realtime.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zena.realtime.hub.Connection;
import dev.zena.realtime.testing.RawUpgrade;
import dev.zena.realtime.testing.TestClock;
import dev.zena.realtime.testing.TestServer;
import dev.zena.realtime.testing.WsClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Refusals before the upgrade (SPEC §5): per-address caps with Retry-After, trusted proxies, allowed origins. */
@Timeout(30)
class HandshakeGuardTest {

    @TempDir
    Path dir;

    TestClock clock = TestClock.frozenNow();
    TestServer server;
    Map<WsClient, String> connectionIds = new HashMap<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void openConnectionsPerAddressAreCappedWith429AndRetryAfter() {
        start(Map.of("limits.connections_per_ip", "2"));
        WsClient first = server.client();
        try (WsClient second = server.client()) {
            RawUpgrade.Answer refused = RawUpgrade.send(server.port(), "/ws", Map.of());
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.head()).containsIgnoringCase("Retry-After: 5");
            assertThat(refused.body()).contains("\"code\":\"CONNECTION_LIMIT\"").contains("\"status\":429");
            first.close();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> server.server().hub().connections().size() == 1);
            try (WsClient third = server.client()) {
                assertThat(third.isClosed()).isFalse();
            }
        }
    }

    @Test
    void handshakesPerAddressPerSecondAreCappedWith429AndRetryAfter() {
        start(Map.of("limits.handshakes_per_ip", "2"));
        server.client().close();
        server.client().close();
        RawUpgrade.Answer refused = RawUpgrade.send(server.port(), "/ws", Map.of());
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.head()).containsIgnoringCase("Retry-After: 1");
        assertThat(refused.body()).contains("\"code\":\"RATE_LIMITED\"");
        clock.advance(Duration.ofMillis(500));
        try (WsClient again = server.client()) {
            assertThat(again.isClosed())
                    .as("one token back after half a second")
                    .isFalse();
        }
    }

    @Test
    void forwardedForIsBelievedFromATrustedProxyOnly() {
        start(Map.of("limits.connections_per_ip", "1", "trusted_proxies", "127.0.0.0/8"));
        try (WsClient viaProxy = connect(Map.of("X-Forwarded-For", "198.51.100.7, 127.0.0.2"))) {
            assertThat(remoteOf(viaProxy)).isEqualTo("198.51.100.7");
            RawUpgrade.Answer refused =
                    RawUpgrade.send(server.port(), "/ws", Map.of("X-Forwarded-For", "198.51.100.7"));
            assertThat(refused.status()).as("same client behind the proxy").isEqualTo(429);
            try (WsClient other = connect(Map.of("X-Forwarded-For", "198.51.100.8"))) {
                assertThat(remoteOf(other)).isEqualTo("198.51.100.8");
            }
        }
    }

    @Test
    void forwardedForFromAnUntrustedPeerIsIgnored() {
        start(Map.of("limits.connections_per_ip", "1"));
        try (WsClient spoofing = connect(Map.of("X-Forwarded-For", "198.51.100.7"))) {
            assertThat(remoteOf(spoofing)).isEqualTo("127.0.0.1");
            RawUpgrade.Answer refused =
                    RawUpgrade.send(server.port(), "/ws", Map.of("X-Forwarded-For", "198.51.100.9"));
            assertThat(refused.status()).isEqualTo(429);
        }
    }

    @Test
    void aBrowserOriginOutsideTheListIsRefusedWith403() {
        start(Map.of("allowed_origins", "https://app.example.com"));
        RawUpgrade.Answer refused = RawUpgrade.send(server.port(), "/ws", Map.of("Origin", "https://evil.example"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("\"code\":\"FORBIDDEN\"").contains("\"status\":403");
        try (WsClient allowed = connect(Map.of("Origin", "https://app.example.com"));
                WsClient notABrowser = server.client()) {
            assertThat(allowed.isClosed()).isFalse();
            assertThat(notABrowser.isClosed()).isFalse();
        }
    }

    private void start(Map<String, String> settings) {
        server = TestServer.start(dir, new HashMap<>(settings), "fixtures/basic.json", clock);
    }

    private WsClient connect(Map<String, String> headers) {
        WsClient client = WsClient.connect(server.ws(null), headers);
        connectionIds.put(
                client, client.nextOfType("connection").path("connection_id").asText());
        return client;
    }

    private String remoteOf(WsClient client) {
        return server.server()
                .hub()
                .connection(connectionIds.get(client))
                .map(Connection::remoteAddress)
                .orElseThrow();
    }
}
