package dev.zena.realtime.jetty;

import static dev.zena.realtime.testing.RawWebSocket.CLOSE;
import static dev.zena.realtime.testing.RawWebSocket.PING;
import static dev.zena.realtime.testing.RawWebSocket.TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zena.realtime.hub.Connection;
import dev.zena.realtime.hub.Hub;
import dev.zena.realtime.protocol.CloseCode;
import dev.zena.realtime.testing.RawWebSocket;
import dev.zena.realtime.testing.TestServer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text frames are written by {@link FrameWriter} straight to the socket, Jetty's pings and close frame through
 * Jetty's flusher (ADR 0012). A client that stops reading makes the server's writes partial: the frames offered
 * meanwhile (events, heartbeat pings, then the close frame) must wait their turn, and when the client reads again
 * every frame arrives whole, events in order with none missing, and the close frame last. Spoken on a plain socket
 * with a small receive buffer, so every byte on the wire is checked.
 */
@Timeout(60)
class FrameWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHANNEL = "project.acme-tower";

    @TempDir
    Path dir;

    TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(
                dir,
                Map.of(
                        "heartbeat.interval",
                        "0.2s",
                        "heartbeat.timeout",
                        "30s",
                        "limits.send_queue_bytes",
                        Long.toString(256L * 1024 * 1024)),
                "fixtures/basic.json");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void framesOfferedWhileAWriteIsUnfinishedArriveWholeInOrderWithTheCloseFrameLast() throws Exception {
        try (RawWebSocket ws = new RawWebSocket(server.port(), "", 4096)) {
            assertThat(ws.head()).startsWith("HTTP/1.1 101");
            assertThat(type(ws.nextText())).isEqualTo("connection");
            ws.writeText("{\"type\":\"authenticate\",\"token\":\"" + server.token("acme-member") + "\"}");
            assertThat(type(ws.nextText())).isEqualTo("authentication");
            ws.writeText("{\"type\":\"subscribe\",\"channel\":\"" + CHANNEL + "\"}");
            assertThat(type(ws.nextText())).isEqualTo("subscription");

            // The client reads nothing now. Publish until the server holds a backlog it could not write.
            Hub hub = server.server().hub();
            Connection onServer = hub.connections().stream()
                    .filter(Connection::isAuthenticated)
                    .findFirst()
                    .orElseThrow();
            ObjectNode data = JSON.createObjectNode().put("blob", "y".repeat(16 * 1024));
            int published = 0;
            while (onServer.queuedBytes() < 512 * 1024 && published < 20_000) {
                server.publish("acme", CHANNEL, "project.updated", data);
                published++;
            }
            assertThat(onServer.queuedBytes()).as("a write is unfinished").isGreaterThanOrEqualTo(512 * 1024);
            // Three heartbeat intervals pass (a ping every 0.2 s), then more events: all offered while that write
            // waits. Nothing to wait for here but time itself; the pings are counted below.
            Thread.sleep(600);
            for (int i = 0; i < 10; i++) {
                server.publish("acme", CHANNEL, "project.updated", data);
                published++;
            }
            onServer.close(CloseCode.ADMIN_DISCONNECT.code(), CloseCode.ADMIN_DISCONNECT.reason());

            long expectedOffset = -1;
            int events = 0;
            int pings = 0;
            while (true) {
                RawWebSocket.Frame frame = ws.readFrame();
                if (frame.opcode() == PING) {
                    pings++;
                    continue;
                }
                if (frame.opcode() == CLOSE) {
                    ByteBuffer payload = ByteBuffer.wrap(frame.payload());
                    assertThat(payload.getShort() & 0xFFFF).isEqualTo(CloseCode.ADMIN_DISCONNECT.code());
                    ws.writeFrame(CLOSE, frame.payload()); // the client's half of the close handshake
                    break;
                }
                assertThat(frame.opcode()).isEqualTo(TEXT);
                JsonNode event = JSON.readTree(frame.payload());
                assertThat(event.path("type").asText()).isEqualTo("event");
                assertThat(event.path("data").path("blob").asText()).hasSize(16 * 1024);
                long offset = event.path("offset").asLong();
                if (expectedOffset >= 0) {
                    assertThat(offset).as("offsets rise by one").isEqualTo(expectedOffset);
                }
                expectedOffset = offset + 1;
                events++;
            }
            assertThat(events).as("every event before the close frame").isEqualTo(published);
            assertThat(pings).as("pings offered during the stall went out too").isPositive();
            await().atMost(Duration.ofSeconds(5)).until(() -> hub.connections().isEmpty());
        }
    }

    private static String type(String text) throws IOException {
        return JSON.readTree(text).path("type").asText();
    }
}
