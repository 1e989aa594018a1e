package dev.zena.realtime.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zena.realtime.hub.Connection;
import dev.zena.realtime.hub.Hub;
import dev.zena.realtime.metrics.TrafficKind;
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

/**
 * SPEC §5 send queue (64 KiB here): a subscriber that stops reading while events keep coming is closed with 4009,
 * the server never holds more than the queue limit for it, the loss is counted as dropped, and a subscriber that
 * reads keeps getting every event, in order, as it is published.
 */
@Timeout(60)
class BackpressureTest {

    private static final long QUEUE = 64 * 1024;
    private static final int MAX_EVENTS = 5_000;
    private static final String CHANNEL = "project.acme-tower";

    @TempDir
    static Path dir;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir, Map.of("limits.send_queue_bytes", Long.toString(QUEUE)), "fixtures/basic.json");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aClientThatStopsReadingIsClosedAsASlowConsumerWhileTheOtherKeepsUp() {
        try (WsClient reader = subscribed("acme-member");
                WsClient stalled = subscribed("acme-pm")) {
            Hub hub = server.server().hub();
            Connection stalledOnServer = hub.connections().stream()
                    .filter(c -> c.isAuthenticated() && c.principal().userId().equals("acme-pm"))
                    .findFirst()
                    .orElseThrow();
            stalled.silence();
            ObjectNode data = new ObjectMapper().createObjectNode().put("blob", "x".repeat(16 * 1024));
            long firstOffset = -1;
            long worstNanos = 0;
            int published = 0;
            int delivered = 2;
            while (delivered == 2 && published < MAX_EVENTS) {
                long before = System.nanoTime();
                delivered = server.publish("acme", CHANNEL, "load", data);
                published++;
                JsonNode event = reader.nextOfType("event");
                worstNanos = Math.max(worstNanos, System.nanoTime() - before);
                firstOffset = firstOffset < 0 ? event.path("offset").asLong() : firstOffset;
                assertThat(event.path("offset").asLong())
                        .as("in order, none missing")
                        .isEqualTo(firstOffset + published - 1);
            }
            assertThat(delivered)
                    .as("the stalled client overflowed within " + MAX_EVENTS + " events")
                    .isEqualTo(1);
            assertThat(stalledOnServer.isOpen()).isFalse();
            assertThat(stalledOnServer.peakQueuedBytes())
                    .as("memory held for it")
                    .isLessThanOrEqualTo(QUEUE)
                    .isGreaterThan(QUEUE - 2 * 16 * 1024);
            assertThat(server.server().metrics().traffic().today("acme", TrafficKind.DROPPED))
                    .isEqualTo(1);
            assertThat(Duration.ofNanos(worstNanos))
                    .as("slowest publish-to-receive of the reader")
                    .isLessThan(Duration.ofSeconds(2));

            stalled.resume();
            assertThat(stalled.awaitClose(Duration.ofSeconds(20))).isEqualTo(4009);
            assertThat(stalled.closeReason()).isEqualTo("slow consumer");
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> hub.connection(stalledOnServer.id()).isEmpty());
            assertThat(server.publish("acme", CHANNEL, "after", data)).isEqualTo(1);
            assertThat(reader.nextOfType("event").path("event").asText()).isEqualTo("after");
        }
    }

    private static WsClient subscribed(String user) {
        WsClient client = server.clientAs(user);
        JsonNode reply = client.request("{\"type\":\"subscribe\",\"channel\":\"" + CHANNEL + "\"}");
        assertThat(reply.path("granted").toString()).isEqualTo("[\"" + CHANNEL + "\"]");
        return client;
    }
}
