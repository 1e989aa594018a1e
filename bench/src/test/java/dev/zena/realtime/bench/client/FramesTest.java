package dev.zena.realtime.bench.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FramesTest {

    @Test
    void masksAClientTextFrameSoThatUnmaskingGivesThePayloadBack() {
        byte[] payload = "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8);
        ByteBuffer frame = Frames.clientFrame(Frames.TEXT, payload, 0x11223344);

        assertThat(frame.get(0) & 0xFF).isEqualTo(0x81);
        assertThat(frame.get(1) & 0xFF).isEqualTo(0x80 | payload.length);
        byte[] key = {0x11, 0x22, 0x33, 0x44};
        for (int i = 0; i < payload.length; i++) {
            assertThat((byte) (frame.get(6 + i) ^ key[i & 3])).isEqualTo(payload[i]);
        }
    }

    @Test
    void usesTheSixteenBitLengthFrom126Bytes() {
        ByteBuffer frame = Frames.clientFrame(Frames.TEXT, new byte[300], 1);

        assertThat(frame.get(1) & 0x7F).isEqualTo(126);
        assertThat(frame.getShort(2) & 0xFFFF).isEqualTo(300);
        assertThat(frame.remaining()).isEqualTo(4 + 4 + 300);
    }

    @Test
    void peeksServerHeadersAndWaitsForIncompleteOnes() {
        assertThat(Frames.peekHeader(ByteBuffer.wrap(new byte[] {(byte) 0x81}))).isEqualTo(-1);
        assertThat(Frames.peekHeader(ByteBuffer.wrap(new byte[] {(byte) 0x81, 5})))
                .isEqualTo((5L << 8) | 2);
        assertThat(Frames.peekHeader(ByteBuffer.wrap(new byte[] {(byte) 0x81, 126, 0x01})))
                .isEqualTo(-1);
        assertThat(Frames.peekHeader(ByteBuffer.wrap(new byte[] {(byte) 0x81, 126, 0x01, 0x00})))
                .isEqualTo((256L << 8) | 4);
    }
}
