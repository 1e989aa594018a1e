package dev.zena.realtime.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zena.realtime.publish.SignedRequests;
import dev.zena.realtime.testing.LogCapture;
import dev.zena.realtime.testing.TestServer;
import dev.zena.realtime.testing.WsClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client sends a value built to forge a log line (a line break, then what looks like the server's own ERROR
 * line), NUL bytes and a huge value, through every path that logs a client value; the captured messages (what
 * {@code %msg} writes) carry it escaped, cut, and once per message.
 */
@Timeout(60)
class LogInjectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FORGED = "x\n2026-12-02T10:00:00.000Z ERROR [main] Server server_started host=0.0.0.0";

    @TempDir
    static Path dir;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(
                dir,
                Map.of("publish.key", SignedRequests.KEY, "publish.secret", SignedRequests.SECRET),
                "fixtures/basic.json");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aSubscribeOfManyHostileChannelsIsOneEscapedBoundedLine() {
        ObjectNode subscribe = JSON.createObjectNode().put("type", "subscribe");
        ArrayNode channels = subscribe.putArray("channels");
        channels.add(FORGED).add("nul\u0000byte").add("project." + "A".repeat(10_000));
        for (int i = 0; i < 47; i++) {
            channels.add("no-such-kind." + i);
        }
        try (LogCapture logs = LogCapture.start();
                WsClient client = server.clientAs("acme-member")) {
            assertThat(client.request(subscribe.toString()).path("denied")).hasSize(50);

            List<String> denials = logs.messages().stream()
                    .filter(m -> m.startsWith("ws_denied stage=subscribe"))
                    .toList();
            assertThat(denials).hasSize(1);
            String line = denials.get(0);
            assertThat(line)
                    .contains("denied=50")
                    .contains("channels=[\"x\\n2026-12-02T10:00:00.000Z ERROR")
                    .contains("nul\\x00byte")
                    .contains("(10008 chars)")
                    .contains(",…+47]");
            assertThat(line.length()).isLessThan(1_000);
            assertHarmless(logs.messages());
        }
    }

    @Test
    void anAdminTestEventNameIsEscapedAndCut() {
        String longEvent = FORGED + "\u0000" + "e".repeat(120 - FORGED.length());
        try (LogCapture logs = LogCapture.start()) {
            for (String event : List.of(FORGED, longEvent)) {
                String body = JSON.createObjectNode()
                        .put("channel", "project.acme-tower")
                        .put("event", event)
                        .toString();
                assertThat(server.send("POST", "/api/v1/admin/events", server.token("acme-admin"), body)
                                .statusCode())
                        .isEqualTo(200);
            }
            List<String> lines = logs.messages().stream()
                    .filter(m -> m.startsWith("admin_test_event"))
                    .toList();
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0))
                    .contains("event=\"x\\n2026-12-02T10:00:00.000Z ERROR [main] Server "
                            + "server_started host=0.0.0.0\"");
            assertThat(lines.get(1)).contains("…(121 chars)");
            assertHarmless(logs.messages());
        }
    }

    @Test
    void aPublishedEventNameIsEscaped() {
        byte[] body = JSON.createObjectNode()
                .put("tenant_id", "acme")
                .put("channel", "project.acme-tower")
                .put("event", FORGED)
                .toString()
                .getBytes(StandardCharsets.UTF_8);
        try (LogCapture logs = LogCapture.start()) {
            assertThat(SignedRequests.post(server, "/api/v1/broadcast", body, SignedRequests.signed(body))
                            .statusCode())
                    .isEqualTo(200);
            assertThat(logs.messages())
                    .anyMatch(m -> m.startsWith("publish_broadcast tenant=acme") && m.contains("event=\"x\\n2026"));
            assertHarmless(logs.messages());
        }
    }

    /** No captured message can end a line early, carries a NUL, or is long enough to flood. */
    private static void assertHarmless(List<String> messages) {
        assertThat(messages).isNotEmpty().allSatisfy(m -> {
            assertThat(m).doesNotContain("\n", "\r", "\u0000");
            assertThat(m.length()).isLessThan(2_000);
        });
    }
}
