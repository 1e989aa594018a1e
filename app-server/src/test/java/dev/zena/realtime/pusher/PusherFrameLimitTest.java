package dev.zena.realtime.pusher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zena.realtime.testing.RawWebSocket;
import dev.zena.realtime.testing.TestServer;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Pusher endpoint shares the {@code /ws} socket's frame limit: a header that declares more than
 * {@code limits.message_size}, with no payload after it, is answered at once with {@code pusher:error} and close
 * 1009, not left to the activity timeout.
 */
@Timeout(60)
class PusherFrameLimitTest {

    @TempDir
    static Path dir;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir, PusherProtocolTest.SETTINGS, "fixtures/basic.json");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aHeaderOverTheLimitIsAnsweredWithAnErrorAnd1009AtOnce() throws IOException {
        try (RawWebSocket socket = new RawWebSocket(server.port(), "/app/" + PusherClient.KEY + "?protocol=7", "", 0)) {
            assertThat(socket.head()).startsWith("HTTP/1.1 101");
            assertThat(socket.nextText()).contains("pusher:connection_established");
            byte[] header = new byte[14]; // FIN + text, masked, 64-bit length 1 MiB, zero mask; no payload
            header[0] = (byte) 0x81;
            header[1] = (byte) (0x80 | 127);
            header[7] = 0x10;
            socket.writeRaw(header);

            assertThat(socket.nextText()).contains("pusher:error").contains("Message exceeds 65536 bytes");
            RawWebSocket.Frame close;
            do {
                close = socket.readFrame();
            } while (close.opcode() == RawWebSocket.PING);
            assertThat(close.closeCode()).isEqualTo(1009);
        }
    }
}
