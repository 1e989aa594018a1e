package dev.zena.realtime.conformance;

import static dev.zena.realtime.testing.RawWebSocket.BINARY;
import static dev.zena.realtime.testing.RawWebSocket.CONTINUATION;
import static dev.zena.realtime.testing.RawWebSocket.PING;
import static dev.zena.realtime.testing.RawWebSocket.PONG;
import static dev.zena.realtime.testing.RawWebSocket.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Autobahn section 5 (fragmentation) against the real server over raw sockets. Already covered and not repeated
 * here: a ping between fragments, invalid UTF-8 across fragments and the size limit over fragments
 * ({@code jetty.FragmentedMessageTest}).
 */
class FragmentationConformanceTest extends ConformanceBase {

    /** Autobahn 5.1–5.2: a control frame must not be fragmented. */
    @ParameterizedTest(name = "opcode {0}")
    @ValueSource(ints = {PING, PONG})
    void aFragmentedControlFrameFailsTheConnectionWith1002(int opcode) throws IOException {
        try (Peer peer = connect()) {
            peer.write(Peer.frame(0x00, opcode, "frag".getBytes(StandardCharsets.UTF_8)));
            peer.write(Peer.frame(0x80, CONTINUATION, "ment".getBytes(StandardCharsets.UTF_8)));
            peer.assertClosedWith(1002);
        }
    }

    /** Autobahn 5.3–5.5 and 5.17–5.18: a message in 2 to N fragments, down to one byte each, some empty. */
    @ParameterizedTest(name = "fragments of {0} bytes")
    @ValueSource(ints = {1, 2, 5, 300})
    void aTextMessageInFragmentsIsAnsweredOnceWhole(int size) throws IOException {
        try (Peer peer = connect()) {
            byte[] message = FramingConformanceTest.paddedPing(300);
            peer.write(Peer.frame(0x00, TEXT, new byte[0])); // an empty first fragment
            for (int at = 0; at < message.length; at += size) {
                byte[] fragment = Arrays.copyOfRange(message, at, Math.min(message.length, at + size));
                peer.write(Peer.frame(at + size >= message.length ? 0x80 : 0x00, CONTINUATION, fragment));
            }
            assertThat(peer.nextText()).contains("\"type\":\"pong\"").contains("\"id\":42");
            peer.assertUsable();
        }
    }

    /** Autobahn 5.6–5.8 with a pong: a pong between fragments is ignored and the message still arrives. */
    @Test
    void aPongBetweenFragmentsIsIgnoredAndTheMessageArrives() throws IOException {
        try (Peer peer = connect()) {
            byte[] message = FramingConformanceTest.paddedPing(60);
            peer.write(Peer.frame(0x00, TEXT, Arrays.copyOfRange(message, 0, 30)));
            peer.send(PONG, "between".getBytes(StandardCharsets.UTF_8));
            peer.write(Peer.frame(0x80, CONTINUATION, Arrays.copyOfRange(message, 30, 60)));
            assertThat(peer.nextText()).contains("\"id\":42");
        }
    }

    /** Autobahn 5.9–5.16: a continuation with no message to continue fails the connection. */
    @ParameterizedTest(name = "final {0}")
    @ValueSource(booleans = {true, false})
    void aContinuationWithoutAStartFailsTheConnectionWith1002(boolean isFinal) throws IOException {
        try (Peer peer = connect()) {
            peer.send(TEXT, FramingConformanceTest.paddedPing(40));
            peer.write(Peer.frame(isFinal ? 0x80 : 0x00, CONTINUATION, "{}".getBytes(StandardCharsets.UTF_8)));
            peer.assertClosedWith(1002, "\"id\":42");
        }
    }

    /** Autobahn 5.19–5.20 inverted: a new data frame while a message is open is not a continuation. */
    @ParameterizedTest(name = "opcode {0}")
    @ValueSource(ints = {TEXT, BINARY})
    void aNewMessageBeforeTheOpenOneEndsFailsTheConnectionWith1002(int opcode) throws IOException {
        try (Peer peer = connect()) {
            peer.write(Peer.frame(0x00, TEXT, "{\"type\":".getBytes(StandardCharsets.UTF_8)));
            peer.write(Peer.frame(0x80, opcode, "\"ping\"}".getBytes(StandardCharsets.UTF_8)));
            peer.assertClosedWith(1002);
        }
    }

    /** A client that opens a message and then closes: the close is answered, the half message dropped. */
    @Test
    void aCloseWhileAMessageIsOpenIsAnswered() throws IOException {
        try (Peer peer = connect()) {
            peer.write(Peer.frame(0x00, TEXT, "{\"type\":".getBytes(StandardCharsets.UTF_8)));
            peer.send(8, ControlFrameConformanceTest.close(1000, ""));
            assertThat(peer.next().closeCode()).isEqualTo(1000);
            peer.assertEndOfStream();
        }
    }
}
