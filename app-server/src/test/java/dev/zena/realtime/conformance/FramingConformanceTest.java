package dev.zena.realtime.conformance;

import static dev.zena.realtime.testing.RawWebSocket.PING;
import static dev.zena.realtime.testing.RawWebSocket.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Autobahn sections 1 (framing), 3 (reserved bits) and 4 (opcodes) against the real server over raw sockets. The
 * server is not an echo server, so a text case sends the protocol's own {@code ping} message padded to the size
 * under test and expects its {@code pong}; a binary case expects {@code INVALID_MESSAGE} (SPEC §3). A frame RFC 6455
 * forbids fails the connection with 1002; the reply to a message just before it may be dropped
 * (Autobahn's "non-strict"), a frame after it is never answered. Already covered elsewhere and
 * not repeated: the 64 KiB limit and 1009 ({@code websocket.WebSocketEndpointTest}), the server's frame headers at
 * every length edge ({@code jetty.TextFrameTest}), deflate declined ({@code jetty.PermessageDeflateTest}).
 */
class FramingConformanceTest extends ConformanceBase {

    /** Autobahn 1.1.x: text of every header size edge, up to the 64 KiB limit. */
    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {40, 125, 126, 127, 128, 65_535, 65_536})
    void aTextMessageOfEveryLengthEdgeIsAnswered(int length) throws IOException {
        try (Peer peer = connect()) {
            peer.send(TEXT, paddedPing(length));
            assertThat(peer.nextText()).contains("\"type\":\"pong\"").contains("\"id\":42");
            peer.assertUsable();
        }
    }

    /** Autobahn 1.1.x, 1.2.x with a message split into 1-, 2- and 7-byte TCP segments, header and mask included. */
    @ParameterizedTest(name = "{0}-byte segments")
    @ValueSource(ints = {1, 2, 7})
    void aFrameSplitAcrossTcpSegmentsIsReassembled(int segment) throws IOException {
        try (Peer peer = connect()) {
            peer.writeSplit(Peer.frame(0x80, TEXT, paddedPing(300)), segment);
            assertThat(peer.nextText()).contains("\"type\":\"pong\"").contains("\"id\":42");
            peer.writeSplit(Peer.frame(0x80, PING, "seg".getBytes(StandardCharsets.UTF_8)), segment);
            assertThat(peer.next().text()).isEqualTo("seg");
            peer.assertUsable();
        }
    }

    @Test
    void twoFramesInOneTcpSegmentAreBothAnswered() throws IOException {
        try (Peer peer = connect()) {
            byte[] one = Peer.frame(0x80, TEXT, paddedPing(40));
            byte[] two = Peer.frame(0x80, TEXT, paddedPing(200));
            byte[] both = new byte[one.length + two.length];
            System.arraycopy(one, 0, both, 0, one.length);
            System.arraycopy(two, 0, both, one.length, two.length);
            peer.write(both);
            assertThat(peer.nextText()).contains("\"id\":42");
            assertThat(peer.nextText()).contains("\"id\":42");
        }
    }

    /** Autobahn 1.1.1 and 1.2.x: empty text and binary of every header size edge are answered as bad messages. */
    @ParameterizedTest(name = "opcode {0}, {1} bytes")
    @org.junit.jupiter.params.provider.CsvSource({"1,0", "2,0", "2,125", "2,126", "2,65535", "2,65536"})
    void anEmptyTextOrABinaryMessageIsRefusedAndTheConnectionStays(int opcode, int length) throws IOException {
        try (Peer peer = connect()) {
            peer.send(opcode, new byte[length]);
            assertThat(peer.nextText()).contains("\"code\":\"INVALID_MESSAGE\"");
            peer.assertUsable();
        }
    }

    /** Autobahn 3.1–3.7: a reserved bit without an extension that defines it fails the connection (RFC §5.2). */
    @ParameterizedTest(name = "bits {0}, opcode {1}")
    @org.junit.jupiter.params.provider.CsvSource({
        "16,1",
        "32,1",
        "48,1",
        "64,1",
        "80,1",
        "96,1",
        "112,1", // 3.1–3.4 and all combinations on text
        "96,2", // 3.5 binary
        "80,9", // 3.6 ping
        "112,8" // 3.7 close
    })
    void aReservedBitFailsTheConnectionWith1002AfterTheRepliesBeforeIt(int rsv, int opcode) throws IOException {
        try (Peer peer = connect()) {
            peer.send(TEXT, paddedPing(40));
            peer.write(Peer.frame(0x80 | rsv, opcode, new byte[] {'{', '}'}));
            peer.send(TEXT, paddedPing(40)); // after the violation: must not be answered
            peer.assertClosedWith(1002, "\"id\":42");
        }
    }

    /** Autobahn 4.1.x and 4.2.x: reserved data opcodes 3–7 and control opcodes 11–15 fail the connection. */
    @ParameterizedTest(name = "opcode {0}")
    @ValueSource(ints = {3, 4, 5, 6, 7, 11, 12, 13, 14, 15})
    void aReservedOpcodeFailsTheConnectionWith1002(int opcode) throws IOException {
        try (Peer peer = connect()) {
            peer.send(TEXT, paddedPing(40));
            peer.send(opcode, "reserved".getBytes(StandardCharsets.UTF_8));
            peer.send(PING, new byte[0]); // after the violation: must not be answered
            peer.assertClosedWith(1002, "\"id\":42");
        }
    }

    /** A header that claims more than a frame can hold (2^63-1 bytes) fails the connection with 1009 at once. */
    @Test
    void aFrameClaimingTheLargestLengthIsRefusedAtItsHeader() throws IOException {
        assertRefusedAtTheHeader(Long.MAX_VALUE);
    }

    /**
     * A header that claims more than the 64 KiB limit but less than 2^31: the server waits for the payload instead of
     * refusing at the header, so a client that sends the header only holds the connection until the authentication
     * deadline (10 s) or, once authenticated, the heartbeat timeout (60 s). Bounded (the bytes that do come are
     * counted and refused past the limit, {@code jetty.FragmentedMessageTest}), but not the fail-fast answer.
     */
    @Disabled("Defect (issue 18): a frame header declaring more than limits.message_size is not refused until the "
            + "payload arrives; Jetty's parser hands WsSocket the frame only as its bytes come")
    @ParameterizedTest(name = "claims {0} bytes")
    @ValueSource(longs = {65_537, 1L << 20})
    void aFrameClaimingMoreThanTheLimitIsRefusedAtItsHeader(long claimed) throws IOException {
        assertRefusedAtTheHeader(claimed);
    }

    private static void assertRefusedAtTheHeader(long claimed) throws IOException {
        try (Peer peer = connect()) {
            byte[] header = new byte[14]; // FIN+TEXT, masked, 64-bit length, then a zero mask; no payload ever
            header[0] = (byte) (0x80 | TEXT);
            header[1] = (byte) (0x80 | 127);
            for (int i = 0; i < 8; i++) {
                header[2 + i] = (byte) (claimed >>> (56 - 8 * i));
            }
            peer.write(header);
            Peer.Frame frame = peer.next();
            if (frame.opcode() == TEXT) {
                assertThat(frame.text()).contains("\"code\":\"MESSAGE_TOO_LARGE\"");
                frame = peer.next();
            }
            assertThat(frame.closeCode()).isEqualTo(1009);
            peer.assertEndOfStream();
        }
    }

    @Test
    void anUnmaskedClientFrameFailsTheConnectionWith1002() throws IOException {
        try (Peer peer = connect()) {
            peer.write(new byte[] {(byte) 0x81, 0x02, '{', '}'}); // RFC 6455 §5.1: a client MUST mask
            peer.assertClosedWith(1002);
        }
    }

    /** The protocol's ping message padded with spaces (JSON whitespace) to exactly {@code length} bytes. */
    static byte[] paddedPing(int length) {
        String message = "{\"type\":\"ping\",\"id\":42}";
        return (message + " ".repeat(length - message.length())).getBytes(StandardCharsets.UTF_8);
    }
}
