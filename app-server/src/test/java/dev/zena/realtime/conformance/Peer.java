package dev.zena.realtime.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zena.realtime.testing.RawWebSocket;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A WebSocket client on a plain socket that may break every rule of RFC 6455 on purpose, as the Autobahn test suite's
 * fuzzing client does: any header bits, any opcode, any length, control frames fragmented, bytes written one TCP
 * segment at a time. Reads the server's frames as they are, so a test can assert on a close code and on the socket
 * being closed after it. Every read has a 10 s deadline: a hang fails the test instead of stalling it.
 */
final class Peer implements AutoCloseable {

    static final int RSV1 = 0x40;
    static final int RSV2 = 0x20;
    static final int RSV3 = 0x10;

    /** One server frame, with its raw first byte so header bits can be checked. */
    record Frame(int first, byte[] payload) {
        int opcode() {
            return first & 0x0F;
        }

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            assertThat(opcode()).as("a close frame").isEqualTo(RawWebSocket.CLOSE);
            return payload.length < 2 ? 1005 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private int nextId = 1;

    /** Opens {@code /ws}, checks the 101 and reads the {@code connection} greeting. */
    Peer(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            head.write(in.readUnsignedByte());
        }
        assertThat(head.toString(StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 101");
        assertThat(nextText()).contains("\"type\":\"connection\"");
    }

    /** The bytes of one masked client frame: {@code bits} are FIN and RSV bits or-ed together (FIN = 0x80). */
    static byte[] frame(int bits, int opcode, byte[] payload) {
        byte[] mask = {0x37, (byte) 0xFA, 0x21, 0x3D};
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(bits | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xFF);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >> shift) & 0xFF);
            }
        }
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        return frame.toByteArray();
    }

    /** Writes a final frame with no RSV bits. */
    void send(int opcode, byte[] payload) throws IOException {
        write(frame(0x80, opcode, payload));
    }

    /** Writes raw bytes at once. */
    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Writes raw bytes in chunks of {@code chunk} bytes, each flushed as its own TCP segment (no Nagle). */
    void writeSplit(byte[] bytes, int chunk) throws IOException {
        for (int i = 0; i < bytes.length; i += chunk) {
            out.write(Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + chunk)));
            out.flush();
        }
    }

    /** The protocol's own ping message with a fresh id, as text; its pong proves the connection still works. */
    String pingMessage() {
        return "{\"type\":\"ping\",\"id\":" + (nextId++) + "}";
    }

    /** Sends a protocol ping and asserts its pong is the next text frame: the connection is still usable. */
    void assertUsable() throws IOException {
        int id = nextId;
        send(RawWebSocket.TEXT, pingMessage().getBytes(StandardCharsets.UTF_8));
        assertThat(nextText()).contains("\"type\":\"pong\"").contains("\"id\":" + id);
    }

    /** Reads one server frame; the server's frames are always final and unmasked. */
    Frame read() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        assertThat(first & 0x80).as("FIN of a server frame").isNotZero();
        assertThat(first & 0x70).as("RSV bits of a server frame").isZero();
        assertThat(second & 0x80).as("server frames are not masked").isZero();
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame(first, payload);
    }

    /** The next frame that is not a heartbeat ping. */
    Frame next() throws IOException {
        Frame frame;
        do {
            frame = read();
        } while (frame.opcode() == RawWebSocket.PING);
        return frame;
    }

    /** The next frame's text, which must be a text frame. */
    String nextText() throws IOException {
        Frame frame = next();
        assertThat(frame.opcode())
                .as("a text frame, got opcode %d", frame.opcode())
                .isEqualTo(RawWebSocket.TEXT);
        return frame.text();
    }

    /**
     * Asserts the server's next frame is a close with {@code code} and that the server then closes the TCP
     * connection (a read ends) within the deadline: the case failed the connection cleanly, without a hang.
     */
    void assertClosedWith(int code) throws IOException {
        assertThat(next().closeCode()).as("close code").isEqualTo(code);
        assertEndOfStream();
    }

    /**
     * As {@link #assertClosedWith(int)}, after a valid message that came before the bad frame: its reply may come
     * first, or be dropped because the server fails the connection at once (Autobahn's "non-strict" pass, RFC 6455
     * §7.1.7) — but nothing else may come before the close.
     */
    void assertClosedWith(int code, String replyBefore) throws IOException {
        Frame frame = next();
        if (frame.opcode() == RawWebSocket.TEXT) {
            assertThat(frame.text())
                    .as("the reply to the message before the bad frame")
                    .contains(replyBefore);
            frame = next();
        }
        assertThat(frame.closeCode()).as("close code").isEqualTo(code);
        assertEndOfStream();
    }

    /** Asserts the server closes the TCP connection within the deadline, whatever frames come before. */
    void assertEndOfStream() throws IOException {
        try {
            while (true) {
                read();
            }
        } catch (EOFException | SocketException closed) {
            // the server closed the socket: what the case expects
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
