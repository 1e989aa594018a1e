package dev.zena.realtime.pusher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zena.realtime.testing.TestClock;
import dev.zena.realtime.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pusher's activity timeout on the server's clock (SPEC §12): no authentication deadline for a Pusher socket,
 * a {@code pusher:ping} after 120 s, close 4201 after 150 s without a sign of life; drain is 4200
 * and the connection cap 4004.
 */
@Timeout(60)
class PusherHeartbeatTest {

    @TempDir
    Path dir;

    TestClock clock = TestClock.frozenNow();
    TestServer server;

    @BeforeEach
    void start() {
        Map<String, String> settings = new HashMap<>(PusherProtocolTest.SETTINGS);
        settings.put("limits.connections_per_user", "1");
        server = TestServer.start(dir, settings, "fixtures/basic.json", clock);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aQuietSocketIsPingedAfter120sAndClosedWith4201WhenThePongIsMissing() throws Exception {
        try (PusherClient client = PusherClient.connect(server)) {
            clock.advance(Duration.ofSeconds(60)); // past the /ws authentication deadline: Pusher has none
            client.assertNothingBeforePong();
            clock.advance(Duration.ofSeconds(121));
            JsonNode ping = client.nextEvent("pusher:ping");
            assertThat(ping.path("event").asText()).isEqualTo("pusher:ping");
            // The sweep may have counted the sentinel ping only at the 121 s step: 150 s of quiet from there.
            clock.advance(Duration.ofSeconds(151));
            assertThat(client.ws.awaitClose(Duration.ofSeconds(10))).isEqualTo(4201);
        }
    }

    @Test
    void aSocketOverTheUsersConnectionCapIsClosedWith4004() throws Exception {
        try (PusherClient first = PusherClient.connect(server);
                PusherClient second = PusherClient.connect(server)) {
            first.subscribeAs("acme-member", "private-project.acme-tower");
            second.ws.send("{}"); // keeps the order: the auth below reaches a socket already greeted
            second.ws.next();
            JsonNode auth = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(PusherClient.auth(
                                    server, server.token("acme-member"), second.socketId, "private-project.acme-tower")
                            .body());
            second.subscribe("private-project.acme-tower", auth.path("auth").asText(), null);
            assertThat(second.ws.awaitClose(Duration.ofSeconds(10))).isEqualTo(4004);
        }
    }

    @Test
    void drainClosesWith4200() throws Exception {
        try (PusherClient client = PusherClient.connect(server)) {
            new Thread(() -> server.server().drain()).start();
            assertThat(client.ws.awaitClose(Duration.ofSeconds(20))).isEqualTo(4200);
        }
    }
}
