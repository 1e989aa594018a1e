package dev.zena.realtime.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.exception.ProtocolException;
import org.junit.jupiter.api.Test;

/**
 * {@link WsParser} on its own, fed bytes as a socket would hand them over: which headers it refuses, when, and what
 * it keeps counting between messages. The behaviour on the wire is pinned by the conformance tests.
 */
class WsParserTest {

    private static final int LIMIT = 1000;

    private final List<Long> refusals = new ArrayList<>();
    private final WsParser parser =
            new WsParser(ByteBufferPool.NON_POOLING, new Configuration.ConfigurationCustomizer(), new WsParser.Limit() {
                @Override
                public int messageSizeLimit() {
                    return LIMIT;
                }

                @Override
                public void refusedAtHeader(long received) {
                    refusals.add(received);
                }
            });

    @Test
    void aHeaderIsRefusedAtTheLengthByteThatTakesItOverTheLimitAndLaterBytesAreDropped() {
        byte[] header = header(0x80 | OpCode.TEXT, 1001); // 16-bit length 0x03E9, then the mask
        assertThat(feed(header[0], header[1], header[2])).isEmpty(); // 0x03 << 8 = 768: not yet over
        assertThat(refusals).isEmpty();
        assertThat(feed(header[3])).isEmpty(); // 1001
        assertThat(refusals).containsExactly(0L);

        ByteBuffer rest = ByteBuffer.wrap(frame(0x80 | OpCode.TEXT, new byte[10]));
        assertThat(parser.parse(rest)).isNull();
        assertThat(rest.hasRemaining()).isFalse();
        assertThat(refusals).hasSize(1);
    }

    @Test
    void aMessageOfExactlyTheLimitInFragmentsWithAPingBetweenIsParsedWhole() {
        List<Frame> frames = feed(concat(
                frame(OpCode.TEXT, new byte[600]),
                frame(0x80 | OpCode.PING, new byte[5]),
                frame(0x80 | OpCode.CONTINUATION, new byte[400])));
        assertThat(frames).extracting(Frame::getOpCode).containsExactly(OpCode.TEXT, OpCode.PING, OpCode.CONTINUATION);
        assertThat(refusals).isEmpty();
    }

    @Test
    void aContinuationHeaderThatTakesItsMessageOverTheLimitIsRefusedWithTheBytesBeforeIt() {
        assertThat(feed(frame(OpCode.TEXT, new byte[600]))).hasSize(1);
        assertThat(feed(header(0x80 | OpCode.CONTINUATION, 401))).isEmpty();
        assertThat(refusals).containsExactly(600L);
    }

    @Test
    void eachMessageIsCountedFromZero() {
        feed(frame(0x80 | OpCode.TEXT, new byte[900]));
        feed(frame(0x80 | OpCode.BINARY, new byte[900]));
        feed(frame(0x80 | OpCode.TEXT, new byte[0]));
        feed(frame(OpCode.TEXT, new byte[900])); // not final
        feed(frame(0x80 | OpCode.CONTINUATION, new byte[100]));
        // A continuation with no message open starts from zero (the session fails it with 1002, not 1009).
        assertThat(feed(header(0x80 | OpCode.CONTINUATION, 900))).isEmpty();
        assertThat(refusals).isEmpty();
    }

    @Test
    void aHeaderWithPartOfItsPayloadIsRefusedBeforeAnyOfItIsHandedOn() {
        byte[] start = concat(header(0x80 | OpCode.BINARY, 5000), new byte[100]);
        assertThat(feed(start)).isEmpty();
        assertThat(refusals).containsExactly(0L);
    }

    @Test
    void aLengthOver2To31IsRefusedAsTooLargeInsteadOfFailingTheConnection() {
        byte[] header = new byte[14];
        header[0] = (byte) (0x80 | OpCode.TEXT);
        header[1] = (byte) (0x80 | 127);
        header[2] = 0x7F; // 2^63 - 1 and more: Jetty's parser throws at the first byte over 2^31 - 1
        assertThat(feed(header)).isEmpty();
        assertThat(refusals).containsExactly(0L);
    }

    @Test
    void aControlFrameHeaderOver125BytesIsAProtocolErrorAtOnce() {
        assertThatThrownBy(() -> feed(header(0x80 | OpCode.PING, 126))).isInstanceOf(ProtocolException.class);
        assertThat(refusals).isEmpty();
    }

    private List<Frame> feed(byte... bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        List<Frame> frames = new ArrayList<>();
        while (buffer.hasRemaining()) {
            Frame.Parsed frame = parser.parse(buffer);
            if (frame == null) {
                break;
            }
            frames.add(Frame.copy(frame));
            frame.close();
        }
        assertThat(buffer.hasRemaining())
                .as("the parser consumes what it is given")
                .isFalse();
        return frames;
    }

    /** A masked header (zero mask) declaring {@code length} bytes, 16-bit length form. */
    private static byte[] header(int firstByte, int length) {
        return new byte[] {(byte) firstByte, (byte) (0x80 | 126), (byte) (length >> 8), (byte) length, 0, 0, 0, 0};
    }

    /** A whole frame, masked with a zero mask. */
    private static byte[] frame(int firstByte, byte[] payload) {
        return concat(header(firstByte, payload.length), payload);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
