package dev.zena.realtime.conformance;

import static dev.zena.realtime.testing.RawWebSocket.CLOSE;
import static dev.zena.realtime.testing.RawWebSocket.PING;
import static dev.zena.realtime.testing.RawWebSocket.PONG;
import static dev.zena.realtime.testing.RawWebSocket.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Autobahn sections 2 (pings and pongs) and 7 (close handling) against the real server over raw sockets. Heartbeat
 * pings the server sends are skipped by {@link Peer#next()}; the heartbeat itself is {@code websocket.HeartbeatTest}'s.
 */
class ControlFrameConformanceTest extends ConformanceBase {

    /** Autobahn 2.1–2.3 and 2.4: a ping of 0 to 125 bytes, text or binary, is answered with the same payload. */
    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 17, 125})
    void aPingIsAnsweredWithAPongCarryingItsPayload(int length) throws IOException {
        try (Peer peer = connect()) {
            byte[] payload = new byte[length];
            for (int i = 0; i < length; i++) {
                payload[i] = (byte) (i * 37); // arbitrary bytes, not UTF-8
            }
            peer.send(PING, payload);
            Peer.Frame pong = peer.next();
            assertThat(pong.opcode()).isEqualTo(PONG);
            assertThat(pong.payload()).isEqualTo(payload);
            peer.assertUsable();
        }
    }

    /** Autobahn 2.5: a control frame over 125 bytes fails the connection. */
    @Test
    void aPingOver125BytesFailsTheConnectionWith1002() throws IOException {
        try (Peer peer = connect()) {
            peer.send(PING, new byte[126]);
            peer.assertClosedWith(1002);
        }
    }

    /** The same when only the header comes: failed at the header, not left waiting for a payload that never comes. */
    @Test
    void aControlFrameHeaderOver125BytesFailsTheConnectionWith1002AtOnce() throws IOException {
        try (Peer peer = connect()) {
            byte[] ping = Peer.frame(0x80, PING, new byte[126]);
            peer.write(java.util.Arrays.copyOfRange(ping, 0, 8)); // 16-bit length and mask, no payload
            peer.assertClosedWith(1002);
        }
    }

    /** Autobahn 2.6 and 2.10–2.11: pings written one byte per segment, and ten in a row, are all answered in order. */
    @Test
    void tenPingsInARowAreAnsweredInOrderEvenWhenWrittenByteByByte() throws IOException {
        try (Peer peer = connect()) {
            for (int i = 0; i < 10; i++) {
                byte[] frame = Peer.frame(0x80, PING, ("p" + i).getBytes(StandardCharsets.UTF_8));
                if (i % 2 == 0) {
                    peer.write(frame);
                } else {
                    peer.writeSplit(frame, 1);
                }
            }
            for (int i = 0; i < 10; i++) {
                Peer.Frame pong = peer.next();
                assertThat(pong.opcode()).isEqualTo(PONG);
                assertThat(pong.text()).isEqualTo("p" + i);
            }
            peer.assertUsable();
        }
    }

    /** Autobahn 2.7–2.9: an unsolicited pong, empty or not, is ignored. */
    @Test
    void anUnsolicitedPongIsIgnored() throws IOException {
        try (Peer peer = connect()) {
            peer.send(PONG, new byte[0]);
            peer.send(PONG, "unsolicited".getBytes(StandardCharsets.UTF_8));
            peer.assertUsable(); // the sentinel: the next frame is its pong, nothing came for the pongs
        }
    }

    /** Autobahn 7.1.1–7.1.3 and 7.3.1: a close, empty or with a code, is answered with a close and the socket ends. */
    @Test
    void anEmptyCloseIsAnsweredWithACloseAndTheSocketEnds() throws IOException {
        try (Peer peer = connect()) {
            peer.send(CLOSE, new byte[0]);
            Peer.Frame close = peer.next();
            assertThat(close.closeCode()).isIn(1000, 1005);
            peer.assertEndOfStream();
        }
    }

    /** Autobahn 7.1.3–7.1.5: what a client sends after its close is not answered. */
    @Test
    void framesAfterTheClientsCloseAreNotAnswered() throws IOException {
        try (Peer peer = connect()) {
            byte[] closeThenMore = concat(
                    Peer.frame(0x80, CLOSE, close(1000, "bye")),
                    Peer.frame(0x80, TEXT, peer.pingMessage().getBytes(StandardCharsets.UTF_8)),
                    Peer.frame(0x80, PING, new byte[0]));
            peer.write(closeThenMore); // in one segment, so the server has them all before it closes
            assertThat(peer.next().closeCode()).isEqualTo(1000);
            peer.assertEndOfStream();
        }
    }

    /** Autobahn 7.1.6 and 7.3.x, 7.7.x: a valid code, with a reason of up to 123 bytes, closes normally. */
    @ParameterizedTest(name = "code {0}")
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999})
    void aValidCloseCodeIsAnsweredWithANormalClose(int code) throws IOException {
        try (Peer peer = connect()) {
            peer.send(CLOSE, close(code, "r".repeat(code % 2 == 0 ? 123 : 5)));
            assertThat(peer.next().closeCode()).isIn(1000, code);
            peer.assertEndOfStream();
        }
    }

    /** Autobahn 7.9.x: a code RFC 6455 reserves or never defined fails the connection. */
    @ParameterizedTest(name = "code {0}")
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535})
    void anInvalidCloseCodeFailsTheConnectionWith1002(int code) throws IOException {
        try (Peer peer = connect()) {
            peer.send(CLOSE, close(code, ""));
            peer.assertClosedWith(1002);
        }
    }

    /** Autobahn 7.3.2: a close payload of one byte cannot hold a code. */
    @Test
    void aOneByteClosePayloadFailsTheConnectionWith1002() throws IOException {
        try (Peer peer = connect()) {
            peer.send(CLOSE, new byte[] {0x03});
            peer.assertClosedWith(1002);
        }
    }

    /** Autobahn 7.3.6: a close of 126 bytes (code and 124-byte reason) is a control frame over 125 bytes. */
    @Test
    void aCloseOver125BytesFailsTheConnectionWith1002() throws IOException {
        try (Peer peer = connect()) {
            peer.send(CLOSE, close(1000, "r".repeat(124)));
            peer.assertClosedWith(1002);
        }
    }

    /** Autobahn 7.5.1: a close reason that is not UTF-8 fails the connection with 1007. */
    @Test
    void aCloseReasonThatIsNotUtf8FailsTheConnectionWith1007() throws IOException {
        try (Peer peer = connect()) {
            byte[] payload = close(1000, "");
            byte[] bad = {
                payload[0],
                payload[1],
                (byte) 0xCE,
                (byte) 0xBA,
                (byte) 0xE1,
                (byte) 0xBD,
                (byte) 0xB9,
                (byte) 0xCF,
                (byte) 0x83,
                (byte) 0xCE,
                (byte) 0xBC,
                (byte) 0xCE,
                (byte) 0xB5,
                (byte) 0xED,
                (byte) 0xA0,
                (byte) 0x80,
                0x65,
                0x64,
                0x69,
                0x74,
                0x65,
                0x64
            };
            peer.send(CLOSE, bad);
            peer.assertClosedWith(1007);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] close(int code, String reason) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(code >> 8);
        out.write(code & 0xFF);
        out.writeBytes(reason.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
