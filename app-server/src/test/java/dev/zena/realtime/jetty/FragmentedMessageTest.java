package dev.zena.realtime.jetty;

import static dev.zena.realtime.testing.RawWebSocket.CONTINUATION;
import static dev.zena.realtime.testing.RawWebSocket.PING;
import static dev.zena.realtime.testing.RawWebSocket.PONG;
import static dev.zena.realtime.testing.RawWebSocket.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zena.realtime.testing.RawWebSocket;
import dev.zena.realtime.testing.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SPEC §3/§5: the size limit (64 KiB) applies to the reassembled message, and a message sent in fragments is
 * refused as soon as its fragments pass it — {@code MESSAGE_TOO_LARGE}, then close 1009 — not once it is whole.
 */
@Timeout(60)
class FragmentedMessageTest {

    private static final int FRAGMENT = 16 * 1024;

    @TempDir
    static Path dir;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir, Map.of(), "fixtures/basic.json");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "opcode {0}")
    @ValueSource(ints = {RawWebSocket.TEXT, RawWebSocket.BINARY})
    void aMessageIsRefusedAtTheFragmentThatTakesItPastTheLimit(int opcode) throws IOException {
        try (RawWebSocket socket = new RawWebSocket(server.port(), "", 0)) {
            assertThat(socket.nextText()).contains("\"type\":\"connection\"");
            byte[] fragment = new byte[FRAGMENT];
            Arrays.fill(fragment, (byte) 'x');

            socket.writeFrame(opcode, false, fragment);
            for (int i = 0; i < 4; i++) {
                socket.writeFrame(CONTINUATION, false, fragment); // 80 KiB sent, none of it final
            }

            String error = socket.nextText();
            assertThat(error)
                    .contains("\"type\":\"error\"")
                    .contains("\"code\":\"MESSAGE_TOO_LARGE\"")
                    .contains("\"status\":413");
            assertThat(nextNotPing(socket).closeCode()).isEqualTo(1009);
        }
    }

    @Test
    void aMessageOfExactlyTheLimitInFragmentsIsAnswered() throws IOException {
        try (RawWebSocket socket = new RawWebSocket(server.port(), "", 0)) {
            assertThat(socket.nextText()).contains("\"type\":\"connection\"");
            String head = "{\"type\":\"ping\",\"id\":7,\"pad\":\"";
            String message = head + "x".repeat(4 * FRAGMENT - head.length() - 2) + "\"}";
            byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
            assertThat(bytes).hasSize(64 * 1024);

            for (int i = 0; i < 4; i++) {
                socket.writeFrame(
                        i == 0 ? TEXT : CONTINUATION,
                        i == 3,
                        Arrays.copyOfRange(bytes, i * FRAGMENT, (i + 1) * FRAGMENT));
            }

            assertThat(socket.nextText()).contains("\"type\":\"pong\"").contains("\"id\":7");
        }
    }

    @Test
    void aPingBetweenFragmentsIsAnsweredAndTheMessageStillArrives() throws IOException {
        try (RawWebSocket socket = new RawWebSocket(server.port(), "", 0)) {
            assertThat(socket.nextText()).contains("\"type\":\"connection\"");

            socket.writeFrame(TEXT, false, "{\"type\":\"pi".getBytes(StandardCharsets.UTF_8));
            socket.writeFrame(PING, true, "hi".getBytes(StandardCharsets.UTF_8));
            socket.writeFrame(CONTINUATION, true, "ng\",\"id\":8}".getBytes(StandardCharsets.UTF_8));

            RawWebSocket.Frame pong = nextNotPing(socket);
            assertThat(pong.opcode()).isEqualTo(PONG);
            assertThat(pong.text()).isEqualTo("hi");
            assertThat(socket.nextText()).contains("\"type\":\"pong\"").contains("\"id\":8");
        }
    }

    @Test
    void invalidUtf8AcrossFragmentsClosesWith1007() throws IOException {
        try (RawWebSocket socket = new RawWebSocket(server.port(), "", 0)) {
            assertThat(socket.nextText()).contains("\"type\":\"connection\"");

            socket.writeFrame(TEXT, false, new byte[] {'{', (byte) 0xC3});
            socket.writeFrame(CONTINUATION, true, new byte[] {'}'}); // 0xC3 needs a continuation byte, not '}'

            assertThat(nextNotPing(socket).closeCode()).isEqualTo(1007);
        }
    }

    private static RawWebSocket.Frame nextNotPing(RawWebSocket socket) throws IOException {
        RawWebSocket.Frame frame;
        do {
            frame = socket.readFrame();
        } while (frame.opcode() == PING);
        return frame;
    }
}
