package dev.zena.realtime.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zena.realtime.testing.RawWebSocket;
import dev.zena.realtime.testing.TestServer;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A browser offers permessage-deflate; the server declines it (ADR 0011), so the socket opens without extensions
 * and every server text frame arrives uncompressed (RSV1 clear) and in order. Spoken on a plain socket, as a
 * browser would.
 */
@Timeout(30)
class PermessageDeflateTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void deflateOfferedIsDeclinedAndEveryServerTextFrameIsUncompressedAndInOrder() throws IOException {
        try (RawWebSocket ws = new RawWebSocket(
                server.port(), "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n", 0)) {
            assertThat(ws.head()).startsWith("HTTP/1.1 101").doesNotContainIgnoringCase("Sec-WebSocket-Extensions");

            assertThat(type(ws.nextText())).isEqualTo("connection");
            ws.writeText("{\"type\":\"authenticate\",\"token\":\"" + server.token("acme-member") + "\"}");
            assertThat(type(ws.nextText())).isEqualTo("authentication");
            for (int i = 0; i < 5; i++) {
                ws.writeText("{\"type\":\"ping\",\"id\":\"p" + i + "\"}");
            }
            for (int i = 0; i < 5; i++) {
                JsonNode pong = JSON.readTree(ws.nextText());
                assertThat(pong.path("type").asText()).isEqualTo("pong");
                assertThat(pong.path("id").asText()).isEqualTo("p" + i);
            }
        }
    }

    private static String type(String text) throws IOException {
        return JSON.readTree(text).path("type").asText();
    }
}
