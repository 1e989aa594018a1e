package dev.zena.realtime.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zena.realtime.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

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
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            String head = readHead(in);
            assertThat(head).startsWith("HTTP/1.1 101").doesNotContainIgnoringCase("Sec-WebSocket-Extensions");

            assertThat(readText(in).path("type").asText()).isEqualTo("connection");
            writeText(out, "{\"type\":\"authenticate\",\"token\":\"" + server.token("acme-member") + "\"}");
            assertThat(readText(in).path("type").asText()).isEqualTo("authentication");
            for (int i = 0; i < 5; i++) {
                writeText(out, "{\"type\":\"ping\",\"id\":\"p" + i + "\"}");
            }
            for (int i = 0; i < 5; i++) {
                JsonNode pong = readText(in);
                assertThat(pong.path("type").asText()).isEqualTo("pong");
                assertThat(pong.path("id").asText()).isEqualTo("p" + i);
            }
        }
    }

    private static String readHead(DataInputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            head.write(in.readUnsignedByte());
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads one server frame: it must be a final, unmasked, uncompressed text frame. */
    private static JsonNode readText(DataInputStream in) throws IOException {
        int first = in.readUnsignedByte();
        assertThat(first & 0x80).as("FIN").isNotZero();
        assertThat(first & 0x40).as("RSV1 (compressed)").isZero();
        assertThat(first & 0x0F).as("text opcode").isEqualTo(1);
        int second = in.readUnsignedByte();
        assertThat(second & 0x80).as("server frames are not masked").isZero();
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return JSON.readTree(payload);
    }

    /** Writes one masked, uncompressed client text frame (payloads under 126 bytes are not needed here). */
    private static void writeText(OutputStream out, String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {1, 2, 3, 4};
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xFF);
        }
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }
}
