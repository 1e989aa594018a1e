package dev.zena.realtime.conformance;

import static dev.zena.realtime.testing.RawWebSocket.CONTINUATION;
import static dev.zena.realtime.testing.RawWebSocket.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Autobahn section 6 (UTF-8 handling) against the real server over raw sockets: valid text of every sequence
 * length arrives whole however it is fragmented, and a text message that is not UTF-8 fails the connection with
 * 1007 (RFC 6455 §8.1), even when the bad bytes come in a fragment that is not final. The text travels in the
 * protocol ping's string id and comes back in its pong.
 */
class Utf8ConformanceTest extends ConformanceBase {

    /** "κόσμε" (6.2.x), 3- and 4-byte sequences, the edges U+007F, U+07FF, U+FFFD, U+10FFFF (6.5–6.7). */
    private static final String VALID = "κόσμε-€-😀-\u007f\u07ff\ufffd\udbff\udfff";

    /** Autobahn 6.2.1–6.2.4, 6.4.x: valid UTF-8 split into fragments at every byte, mid-sequence included. */
    @ParameterizedTest(name = "fragments of {0} bytes")
    @ValueSource(ints = {1, 2, 3, 5, 1000})
    void validUtf8FragmentedAtAnyByteArrivesWhole(int size) throws IOException {
        try (Peer peer = connect()) {
            byte[] message = ("{\"type\":\"ping\",\"id\":\"" + VALID + "\"}").getBytes(StandardCharsets.UTF_8);
            for (int at = 0; at < message.length; at += size) {
                byte[] fragment = Arrays.copyOfRange(message, at, Math.min(message.length, at + size));
                peer.write(Peer.frame(at + size >= message.length ? 0x80 : 0, at == 0 ? TEXT : CONTINUATION, fragment));
            }
            assertThat(peer.nextText()).contains("\"type\":\"pong\"").contains("\"id\":\"" + VALID + "\"");
        }
    }

    /**
     * Autobahn 6.3–6.21: sequences that are not UTF-8 — a lone continuation byte, a truncated sequence, overlong
     * forms, UTF-16 surrogates, code points over U+10FFFF, bytes 0xFE/0xFF — inside a text message's string.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "80",
                "bf",
                "c0af",
                "c1bf",
                "e080af",
                "f08080af",
                "f8888080af",
                "eda080",
                "edbfbf",
                "eda080edb080",
                "f4908080",
                "f7bfbfbf",
                "fe",
                "ff",
                "e282",
                "cebae1bdb9cf83cebcceb5eda080"
            })
    void textThatIsNotUtf8FailsTheConnectionWith1007(String hex) throws IOException {
        try (Peer peer = connect()) {
            peer.send(TEXT, withBytes(HexFormat.of().parseHex(hex)));
            peer.assertClosedWith(1007);
        }
    }

    /** Autobahn 6.3.2 and 6.4.1–6.4.4: the bad bytes arrive in a first, non-final fragment; the end never comes. */
    @Test
    void invalidUtf8InANonFinalFragmentFailsTheConnectionWithoutWaitingForTheEnd() throws IOException {
        try (Peer peer = connect()) {
            byte[] message = withBytes(HexFormat.of().parseHex("f4908080"));
            int cut = message.length - 3; // the fragment ends right after the bad sequence
            peer.write(Peer.frame(0x00, TEXT, Arrays.copyOfRange(message, 0, cut)));
            peer.assertClosedWith(1007);
        }
    }

    /** {"type":"ping","id":"<bytes>"}: well-formed JSON around {@code bytes}, so only the encoding is wrong. */
    private static byte[] withBytes(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("{\"type\":\"ping\",\"id\":\"a".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bytes);
        out.writeBytes("z\"}".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
