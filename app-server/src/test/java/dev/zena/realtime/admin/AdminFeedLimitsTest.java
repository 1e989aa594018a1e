package dev.zena.realtime.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zena.realtime.auth.Principal;
import dev.zena.realtime.hub.Connection;
import dev.zena.realtime.hub.Hub;
import dev.zena.realtime.hub.Outbound;
import dev.zena.realtime.metrics.TrafficKind;
import dev.zena.realtime.store.Role;
import dev.zena.realtime.testing.RawUpgrade;
import dev.zena.realtime.testing.RawWebSocket;
import dev.zena.realtime.testing.TestClock;
import dev.zena.realtime.testing.TestServer;
import dev.zena.realtime.testing.WsClient;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §5 and §6: the admin feed is a connection like any other. The per-address limits and the Origin rule refuse
 * its handshake as they refuse one of {@code /ws}, it counts as an open connection of its address, and a feed that
 * stops reading is closed as a slow consumer.
 */
@Timeout(60)
class AdminFeedLimitsTest {

    private static final String FEED = "/api/v1/admin/feed";
    private static final long QUEUE = 64 * 1024;
    private static final int MAX_CONNECTIONS = 5_000;

    @TempDir
    Path dir;

    TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aFeedFromABrowserOriginOutsideTheListIsRefusedWith403BeforeTheUpgrade() {
        start(Map.of("allowed_origins", "https://console.example.com"), Clock.systemUTC());
        String bearer = "Bearer " + server.token("acme-admin");
        RawUpgrade.Answer refused =
                RawUpgrade.send(server.port(), FEED, Map.of("Authorization", bearer, "Origin", "https://evil.example"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("\"code\":\"FORBIDDEN\"").contains("Origin not allowed");
        try (WsClient allowed = feed(Map.of("Authorization", bearer, "Origin", "https://console.example.com"))) {
            assertThat(allowed.isClosed()).isFalse();
        }
    }

    @Test
    void theFeedCountsAsAnOpenConnectionOfItsAddress() {
        start(Map.of("limits.connections_per_ip", "2"), Clock.systemUTC());
        WsClient first = feed(Map.of("Authorization", "Bearer " + server.token("acme-admin")));
        try (WsClient client = server.client()) {
            RawUpgrade.Answer refusedFeed = RawUpgrade.send(
                    server.port(), FEED, Map.of("Authorization", "Bearer " + server.token("acme-super")));
            assertThat(refusedFeed.status()).isEqualTo(429);
            assertThat(refusedFeed.head()).containsIgnoringCase("Retry-After: 5");
            assertThat(refusedFeed.body()).contains("\"code\":\"CONNECTION_LIMIT\"");
            assertThat(RawUpgrade.send(server.port(), "/ws", Map.of()).status())
                    .as("a /ws handshake alike")
                    .isEqualTo(429);
            first.close();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> server.server().limits().addresses().openFrom("127.0.0.1") == 1);
            try (WsClient again = feed(Map.of("Authorization", "Bearer " + server.token("acme-super")))) {
                assertThat(again.isClosed()).isFalse();
            }
        }
    }

    @Test
    void feedHandshakesCountAgainstTheAddresssHandshakeRate() {
        TestClock clock = TestClock.frozenNow();
        start(Map.of("limits.handshakes_per_ip", "2"), clock);
        server.client().close();
        try (WsClient feed = feed(Map.of("Authorization", "Bearer " + server.token("acme-admin")))) {
            RawUpgrade.Answer refused = RawUpgrade.send(
                    server.port(), FEED, Map.of("Authorization", "Bearer " + server.token("acme-super")));
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.head()).containsIgnoringCase("Retry-After: 1");
            assertThat(refused.body()).contains("\"code\":\"RATE_LIMITED\"");
            clock.advance(Duration.ofMillis(500));
            try (WsClient again = feed(Map.of("Authorization", "Bearer " + server.token("acme-super")))) {
                assertThat(again.isClosed())
                        .as("one token back after half a second")
                        .isFalse();
            }
        }
    }

    @Test
    void aFeedThatStopsReadingIsClosedWith4009AndWhatItLostIsCountedAsDropped() throws IOException {
        start(Map.of("limits.send_queue_bytes", Long.toString(QUEUE)), Clock.systemUTC());
        String admin = "Authorization: Bearer " + server.token("acme-admin") + "\r\n";
        try (RawWebSocket stalled = new RawWebSocket(server.port(), FEED, admin, 4096)) {
            assertThat(stalled.head()).startsWith("HTTP/1.1 101");
            // The feed is not read from here on, while connections open and close.
            int connections = 0;
            while (dropped() == 0 && connections < MAX_CONNECTIONS) {
                openAndClose(connections++);
            }
            assertThat(dropped())
                    .as("the feed overflowed within " + MAX_CONNECTIONS + " connections")
                    .isPositive();
            assertThat(closeOf(stalled)).as("what was queued, then the close").isEqualTo("4009 slow consumer");
        }
    }

    private void start(Map<String, String> settings, Clock clock) {
        server = TestServer.start(dir, settings, "fixtures/basic.json", clock);
    }

    /** An open feed whose {@code hello} has been read. */
    private WsClient feed(Map<String, String> headers) {
        WsClient feed = WsClient.connect(URI.create("ws://127.0.0.1:" + server.port() + FEED), headers);
        feed.nextOfType("hello");
        return feed;
    }

    /**
     * One {@code connection_opened} of about 16 KiB (the connection holds many channels) and its
     * {@code connection_closed}. Made in the hub, as {@code BackpressureTest} publishes in it: the kernel buffers
     * of a loopback socket take megabytes before a write stays unfinished, and a real client's open is 500 bytes.
     */
    private void openAndClose(int n) {
        Hub hub = server.server().hub();
        Connection connection = new Connection(
                "bulk-" + n,
                "127.0.0.1",
                Instant.now(),
                new Outbound() {
                    @Override
                    public boolean send(String text) {
                        return true;
                    }

                    @Override
                    public void close(int code, String reason) {}

                    @Override
                    public boolean isOpen() {
                        return true;
                    }
                },
                Runnable::run);
        connection.authenticate(new Principal(
                "acme-member", "acme", "Mo Member", Role.MEMBER, Instant.now().plusSeconds(60), null, Instant.now()));
        hub.register(connection);
        for (int i = 0; i < 250; i++) {
            hub.add(connection, "project.bulk-" + n + "-" + i + "-" + "x".repeat(40));
        }
        hub.authenticated(connection);
        hub.unregister(connection, 1000);
    }

    private long dropped() {
        return server.server().metrics().traffic().today("acme", TrafficKind.DROPPED);
    }

    /** Reads what the server queued, up to its close frame: {@code "code reason"}. */
    private static String closeOf(RawWebSocket socket) throws IOException {
        RawWebSocket.Frame frame;
        do {
            frame = socket.readFrame();
        } while (frame.opcode() != RawWebSocket.CLOSE);
        ByteBuffer payload = ByteBuffer.wrap(frame.payload());
        int code = Short.toUnsignedInt(payload.getShort());
        return code + " " + StandardCharsets.UTF_8.decode(payload);
    }
}
