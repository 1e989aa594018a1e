package dev.zena.realtime.conformance;

import static dev.zena.realtime.testing.RawWebSocket.PING;
import static dev.zena.realtime.testing.RawWebSocket.PONG;
import static dev.zena.realtime.testing.RawWebSocket.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The server's own frame writer under concurrent writers (issue 18 item 2): events fanned out from four publishing
 * threads, replies to the client's protocol pings (text frames, the same writer) and answers to its WebSocket pings
 * (pong frames, Jetty's flusher) all go to one socket at once. Every frame must arrive whole and well-formed
 * ({@link Peer#read()} checks each header), each publisher's events in its order with none missing, and every
 * ping answered. A stalled writer is {@code jetty.FrameWriterTest}'s.
 */
class ConcurrentWritersTest extends ConformanceBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PUBLISHERS = 4;
    private static final int EVENTS = 300;
    private static final int PINGS = 150;

    @Test
    void framesFromConcurrentWritersArriveWholeAndInEachWritersOrder() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PUBLISHERS + 1);
        try (Peer peer = connect()) {
            peer.send(TEXT, text("{\"type\":\"authenticate\",\"token\":\"" + server.token("acme-member") + "\"}"));
            assertThat(peer.nextText()).contains("\"type\":\"authentication\"");
            peer.send(TEXT, text("{\"type\":\"subscribe\",\"channel\":\"project.acme-tower\"}"));
            assertThat(peer.nextText()).contains("\"type\":\"subscription\"");

            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < PUBLISHERS; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    for (int n = 0; n < EVENTS; n++) {
                        server.publish(
                                "acme",
                                "project.acme-tower",
                                "project.updated",
                                JSON.createObjectNode().put("writer", writer).put("n", n));
                    }
                }));
            }
            writers.add(pool.submit(() -> {
                for (int i = 0; i < PINGS; i++) {
                    peer.send(PING, ("w" + i).getBytes(StandardCharsets.UTF_8));
                    peer.send(TEXT, text("{\"type\":\"ping\",\"id\":" + i + "}"));
                }
                return null;
            }));

            int[] nextOf = new int[PUBLISHERS];
            int pongFrames = 0;
            int pongMessages = 0;
            while (pongFrames < PINGS || pongMessages < PINGS || !allDone(nextOf)) {
                Peer.Frame frame = peer.read();
                if (frame.opcode() == PONG) {
                    assertThat(frame.text()).isEqualTo("w" + pongFrames++);
                } else if (frame.opcode() == TEXT) {
                    JsonNode message = JSON.readTree(frame.payload());
                    if (message.path("type").asText().equals("pong")) {
                        assertThat(message.path("id").asInt()).isEqualTo(pongMessages++);
                    } else {
                        assertThat(message.path("type").asText()).isEqualTo("event");
                        int writer = message.path("data").path("writer").asInt();
                        assertThat(message.path("data").path("n").asInt())
                                .as("writer %d in order", writer)
                                .isEqualTo(nextOf[writer]++);
                    }
                } else {
                    assertThat(frame.opcode()).as("only pings besides").isEqualTo(PING);
                }
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
            peer.assertUsable();
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean allDone(int[] nextOf) {
        for (int next : nextOf) {
            if (next < EVENTS) {
                return false;
            }
        }
        return true;
    }

    private static byte[] text(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
