package dev.zena.realtime.bench.client;

import java.nio.ByteBuffer;

/** RFC 6455 framing for a client: masked frames out, unmasked frames in. Pure functions. */
public final class Frames {

    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    private Frames() {}

    /** One final, masked client frame carrying {@code payload}. */
    public static ByteBuffer clientFrame(int opcode, byte[] payload, int mask) {
        int len = payload.length;
        int header = len < 126 ? 2 : len < 65536 ? 4 : 10;
        ByteBuffer out = ByteBuffer.allocate(header + 4 + len);
        out.put((byte) (0x80 | opcode));
        if (len < 126) {
            out.put((byte) (0x80 | len));
        } else if (len < 65536) {
            out.put((byte) (0x80 | 126)).putShort((short) len);
        } else {
            out.put((byte) (0x80 | 127)).putLong(len);
        }
        out.putInt(mask);
        byte[] key = {(byte) (mask >>> 24), (byte) (mask >>> 16), (byte) (mask >>> 8), (byte) mask};
        for (int i = 0; i < len; i++) {
            out.put((byte) (payload[i] ^ key[i & 3]));
        }
        return out.flip();
    }

    /**
     * Reads the header of the server frame starting at {@code in}'s position without consuming it. Returns the
     * header length in the low 8 bits and the payload length above them ({@code payload << 8 | header}), or -1 when
     * the buffer does not yet hold the whole header.
     */
    public static long peekHeader(ByteBuffer in) {
        int p = in.position();
        int available = in.remaining();
        if (available < 2) {
            return -1;
        }
        int len7 = in.get(p + 1) & 0x7F;
        if (len7 < 126) {
            return ((long) len7 << 8) | 2;
        }
        if (len7 == 126) {
            return available < 4 ? -1 : ((long) (in.getShort(p + 2) & 0xFFFF) << 8) | 4;
        }
        return available < 10 ? -1 : (in.getLong(p + 2) << 8) | 10;
    }
}
