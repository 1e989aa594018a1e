package dev.zena.realtime.conformance;

import static dev.zena.realtime.testing.RawWebSocket.CONTINUATION;
import static dev.zena.realtime.testing.RawWebSocket.PING;
import static dev.zena.realtime.testing.RawWebSocket.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

    /**
     * A header that claims more than a frame can hold (2^63-1 bytes): refused at the header like any message over the
     * limit, {@code MESSAGE_TOO_LARGE} then 1009 (Jetty's parser alone would close with 1009 and no reply).
     */
    @Test
    void aFrameClaimingTheLargestLengthIsRefusedAtItsHeader() throws IOException {
        try (Peer peer = connect()) {
            peer.write(header(TEXT, true, Long.MAX_VALUE));
            assertRefusedAsTooLarge(peer);
        }
    }

    /**
     * A header that claims more than the 64 KiB limit, with no payload ever following: refused as soon as the header
     * is read, not at the authentication deadline or the heartbeat (issue 18).
     */
    @ParameterizedTest(name = "claims {0} bytes")
    @ValueSource(longs = {65_537, 1L << 20, Integer.MAX_VALUE, 1L << 31})
    void aFrameClaimingMoreThanTheLimitIsRefusedAtItsHeader(long claimed) throws IOException {
        try (Peer peer = connect()) {
            peer.write(header(TEXT, true, claimed));
            assertRefusedAsTooLarge(peer);
        }
    }

    /**
     * The same for binary, and with the header's bytes in 1- and 3-byte TCP segments. A split header is refused as
     * soon as its length is read, so it is sent without its mask (a byte written after the refusal could meet a
     * closed socket); 65,537 is the least length over the limit, known only at its last byte.
     */
    @ParameterizedTest(name = "opcode {0}, {1}-byte segments")
    @org.junit.jupiter.params.provider.CsvSource({"2,14", "1,1", "2,1", "1,3"})
    void aHeaderOverTheLimitIsRefusedHoweverItArrives(int opcode, int segment) throws IOException {
        try (Peer peer = connect()) {
            byte[] header = header(opcode, true, 65_537);
            peer.writeSplit(segment < header.length ? java.util.Arrays.copyOf(header, 10) : header, segment);
            assertRefusedAsTooLarge(peer);
        }
    }

    /** Only a first part of the payload of a frame over the limit comes: refused without waiting for the rest. */
    @Test
    void aFrameOverTheLimitIsRefusedBeforeItsPayloadIsWhole() throws IOException {
        try (Peer peer = connect()) {
            byte[] header = header(TEXT, true, 1L << 20);
            byte[] start = new byte[header.length + 1024];
            System.arraycopy(header, 0, start, 0, header.length);
            java.util.Arrays.fill(start, header.length, start.length, (byte) ' '); // masked with 0: spaces
            peer.write(start);
            assertRefusedAsTooLarge(peer);
        }
    }

    /** A continuation whose header takes its message past the limit is refused at that header. */
    @Test
    void aContinuationHeaderThatTakesItsMessageOverTheLimitIsRefused() throws IOException {
        try (Peer peer = connect()) {
            byte[] first = paddedPing(60_000);
            peer.write(Peer.frame(0x00, TEXT, first)); // not final
            peer.write(header(CONTINUATION, true, 64 * 1024 - first.length + 1));
            assertRefusedAsTooLarge(peer);
        }
    }

    /** A header of exactly the limit is not refused: its payload, sent after it, is answered. */
    @Test
    void aHeaderOfExactlyTheLimitWaitsForItsPayload() throws IOException {
        try (Peer peer = connect()) {
            byte[] frame = Peer.frame(0x80, TEXT, paddedPing(64 * 1024));
            peer.write(java.util.Arrays.copyOfRange(frame, 0, 14)); // the header, mask included
            peer.write(java.util.Arrays.copyOfRange(frame, 14, frame.length));
            assertThat(peer.nextText()).contains("\"type\":\"pong\"").contains("\"id\":42");
            peer.assertUsable();
        }
    }

    /** A header with a 64-bit length and a zero mask, no payload: FIN or not and {@code opcode}. */
    private static byte[] header(int opcode, boolean fin, long claimed) {
        if (claimed <= 0xFFFF) {
            return new byte[] {
                (byte) ((fin ? 0x80 : 0) | opcode),
                (byte) (0x80 | 126),
                (byte) (claimed >>> 8),
                (byte) claimed,
                0,
                0,
                0,
                0
            };
        }
        byte[] header = new byte[14];
        header[0] = (byte) ((fin ? 0x80 : 0) | opcode);
        header[1] = (byte) (0x80 | 127);
        for (int i = 0; i < 8; i++) {
            header[2 + i] = (byte) (claimed >>> (56 - 8 * i));
        }
        return header;
    }

    /** The reply of SPEC §3 for a message over the size limit, then close 1009 and the end of the TCP connection. */
    private static void assertRefusedAsTooLarge(Peer peer) throws IOException {
        assertThat(peer.nextText())
                .contains("\"type\":\"error\"")
                .contains("\"code\":\"MESSAGE_TOO_LARGE\"")
                .contains("\"status\":413");
        assertThat(peer.next().closeCode()).isEqualTo(1009);
        peer.assertEndOfStream();
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
