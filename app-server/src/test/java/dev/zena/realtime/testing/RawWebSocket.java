package dev.zena.realtime.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket client on a plain socket, for tests that check the bytes on the wire: it writes the upgrade and
 * masked client frames by hand, and reads every server frame, asserting that it is final, unmasked and uncompressed
 * (no extension is ever negotiated, ADR 0011).
 */
public final class RawWebSocket implements AutoCloseable {

    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    /** One server frame. */
    public record Frame(int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The status code of a close frame. */
        public int closeCode() {
            assertThat(opcode).as("close opcode").isEqualTo(CLOSE);
            return ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final String head;

    /**
     * Opens {@code /ws} with {@code extraHeaders} (whole header lines, each ending in CRLF). A positive
     * {@code receiveBuffer} sets the socket's receive buffer before connecting, so that a client that stops reading
     * makes the server's writes unfinished sooner.
     */
    public RawWebSocket(int port, String extraHeaders, int receiveBuffer) throws IOException {
        this(port, "/ws", extraHeaders, receiveBuffer);
    }

    /** As {@link #RawWebSocket(int, String, int)}, on another WebSocket endpoint ({@code path}). */
    public RawWebSocket(int port, String path, String extraHeaders, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        socket.setSoTimeout(10_000);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" + extraHeaders
                        + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        head = readHead();
    }

    /** The server's answer to the upgrade: status line and headers. */
    public String head() {
        return head;
    }

    /** Reads one server frame: final, unmasked, uncompressed. */
    public Frame readFrame() throws IOException {
        int first = in.readUnsignedByte();
        assertThat(first & 0x80).as("FIN").isNotZero();
        assertThat(first & 0x70).as("RSV bits (RSV1: compressed)").isZero();
        int second = in.readUnsignedByte();
        assertThat(second & 0x80).as("server frames are not masked").isZero();
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame(first & 0x0F, payload);
    }

    /** The next text frame's text, pings before it skipped. */
    public String nextText() throws IOException {
        Frame frame;
        do {
            frame = readFrame();
        } while (frame.opcode() == PING);
        assertThat(frame.opcode()).as("text opcode").isEqualTo(TEXT);
        return frame.text();
    }

    public void writeText(String text) throws IOException {
        writeFrame(TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes one final, masked client frame (payloads under 64 KiB). */
    public void writeFrame(int opcode, byte[] payload) throws IOException {
        writeFrame(opcode, true, payload);
    }

    /**
     * Writes one masked client frame, final or not (payloads under 64 KiB): a fragmented message is a non-final
     * {@link #TEXT} or {@link #BINARY} frame, then {@link #CONTINUATION} frames, the last one final.
     */
    public void writeFrame(int opcode, boolean isFinal, byte[] payload) throws IOException {
        byte[] mask = {7, 1, 9, 3};
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write((isFinal ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xFF);
        }
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /** Writes {@code bytes} as they are: a frame's header alone, a broken frame. */
    public void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (!bytes.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            bytes.write(in.readUnsignedByte());
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
