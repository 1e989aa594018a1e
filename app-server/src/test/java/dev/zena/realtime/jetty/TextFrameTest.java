package dev.zena.realtime.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.internal.Generator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The text frames {@link FrameWriter} makes are byte for byte those of Jetty's own generator (which wrote them before),
 * at every edge of RFC 6455's three header sizes (7-bit, 16-bit and 64-bit payload lengths), direct and heap alike.
 */
class TextFrameTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 127, 65_535, 65_536, 70_000})
    void aTextFrameIsWhatJettysGeneratorWouldWrite(int length) {
        byte[] utf8 = new byte[length];
        Arrays.fill(utf8, (byte) 'x');
        if (length > 0) {
            utf8[length - 1] = 'z';
        }
        ByteBuffer jetty = BufferUtil.allocate(Generator.MAX_HEADER_LENGTH + length);
        new Generator().generateWholeFrame(new Frame(OpCode.TEXT, true, ByteBuffer.wrap(utf8)), jetty);
        for (boolean isDirect : new boolean[] {true, false}) {
            ByteBuffer ours = FrameWriter.textFrame(utf8, isDirect);
            assertThat(ours.isDirect()).isEqualTo(isDirect);
            assertThat(ours.position()).isZero();
            assertThat(bytes(ours)).as("%d bytes, direct=%s", length, isDirect).isEqualTo(bytes(jetty));
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
