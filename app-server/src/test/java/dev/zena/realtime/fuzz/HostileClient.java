package dev.zena.realtime.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;

/**
 * Plays one hostile connection per {@link #play()}: random bytes, broken handshakes, slow-loris headers, half-open
 * sockets, and after a real upgrade, frames with random header bits and opcodes, lengths up to 2^63-1, deep JSON,
 * invalid UTF-8, random JSON shapes and fragment chaos. The client never waits for an answer: it writes, then
 * closes (abruptly or half), so it measures what the server survives, not how fast it answers. Seeded: a run repeats
 * its cases, except that a connection the server cuts short skips the rest of its draws. Not thread-safe.
 */
final class HostileClient implements AutoCloseable {

    private static final String UPGRADE = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    private static final int SLOW_SOCKETS_KEPT = 20;

    private final int port;
    private final Random random;
    private final Deque<Socket> slowSockets = new ArrayDeque<>();
    private long frames;
    private long handshakes;

    HostileClient(int port, long seed) {
        this.port = port;
        this.random = new Random(seed);
    }

    /** Frames written so far (each hostile frame or run of random bytes after an upgrade counts one). */
    long frames() {
        return frames;
    }

    /** Handshakes written so far, broken or not. */
    long handshakes() {
        return handshakes;
    }

    /** One hostile connection, chosen at random. */
    void play() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setTcpNoDelay(true);
        socket.setSoLinger(true, 0); // close with RST: the hostile way
        OutputStream out = socket.getOutputStream();
        int kind = random.nextInt(10);
        try {
            switch (kind) {
                case 0 -> out.write(randomBytes(1 + random.nextInt(2048)));
                case 1 -> brokenHandshake(out);
                case 2 -> {
                    slowLoris(out, socket);
                    return; // kept open; closed when the next slow socket needs its place
                }
                default -> {
                    handshakes++;
                    out.write(UPGRADE.getBytes(StandardCharsets.ISO_8859_1));
                    int count = 1 + random.nextInt(12);
                    for (int i = 0; i < count; i++) {
                        out.write(hostileFrame());
                        frames++;
                    }
                    if (random.nextBoolean()) {
                        socket.shutdownOutput(); // half-open: FIN sent, the socket left to the server to close
                        socket.setSoLinger(false, 0);
                    }
                }
            }
            out.flush();
        } catch (IOException refusedMidway) {
            // the server already closed this socket: a defence working, not a failure
        }
        socket.close();
    }

    private void brokenHandshake(OutputStream out) throws IOException {
        handshakes++;
        String[] broken = {
            UPGRADE.replace("13", Integer.toString(random.nextInt(100))),
            UPGRADE.replace("dGhlIHNhbXBsZSBub25jZQ==", new String(randomBytes(20), StandardCharsets.ISO_8859_1)),
            UPGRADE.replace("Host: 127.0.0.1\r\n", "X-Pad: " + "a".repeat(10_000 + random.nextInt(60_000)) + "\r\n"),
            UPGRADE.replace("/ws", "/ws?token=" + "%".repeat(random.nextInt(5000))),
            UPGRADE.replace("GET", new String(randomBytes(4), StandardCharsets.ISO_8859_1)),
            UPGRADE.replace("\r\n\r\n", "\r\nContent-Length: 99999999999999999999\r\n\r\n"),
            UPGRADE.substring(0, random.nextInt(UPGRADE.length()))
        };
        out.write(broken[random.nextInt(broken.length)].getBytes(StandardCharsets.ISO_8859_1));
    }

    private void slowLoris(OutputStream out, Socket socket) throws IOException {
        handshakes++;
        out.write(UPGRADE.substring(0, 1 + random.nextInt(UPGRADE.length() - 4)).getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        slowSockets.addLast(socket);
        while (slowSockets.size() > SLOW_SOCKETS_KEPT) {
            slowSockets.removeFirst().close();
        }
    }

    private byte[] hostileFrame() {
        return switch (random.nextInt(9)) {
            case 0 -> randomBytes(1 + random.nextInt(256));
            case 1 -> header(random.nextInt(256), 127, random.nextLong() | Long.MIN_VALUE >>> 1, new byte[0]); // huge
            case 2 -> frame(0x81, deepJson(1 + random.nextInt(100_000)));
            case 3 -> frame(0x81, invalidUtf8());
            case 4 -> frame(0x81, randomJson().getBytes(StandardCharsets.UTF_8));
            case 5 -> frame(random.nextInt(256), randomBytes(random.nextInt(200)));
            case 6 -> frame(random.nextBoolean() ? 0x01 : 0x00, randomJson().getBytes(StandardCharsets.UTF_8));
            case 7 -> header(0x81, 127, 1 + random.nextInt(1 << 20), randomBytes(random.nextInt(100))); // claims more
            default -> frame(0x80 | (8 + random.nextInt(3)), randomBytes(random.nextInt(140)));
        };
    }

    private byte[] frame(int first, byte[] payload) {
        int lengthCode = payload.length < 126 ? payload.length : payload.length <= 0xFFFF ? 126 : 127;
        return header(first, lengthCode, payload.length, payload);
    }

    /** A masked frame's bytes whose length field says {@code claimed}, followed by {@code payload} masked. */
    private byte[] header(int first, int lengthCode, long claimed, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(first);
        frame.write(0x80 | lengthCode);
        if (lengthCode == 126) {
            frame.write((int) (claimed >> 8) & 0xFF);
            frame.write((int) claimed & 0xFF);
        } else if (lengthCode == 127) {
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) (claimed >> shift) & 0xFF);
            }
        }
        byte[] mask = randomBytes(4);
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        return frame.toByteArray();
    }

    private byte[] deepJson(int depth) {
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        return ("{\"type\":\"subscribe\",\"channels\":" + open.repeat(Math.min(depth, 10_000)))
                .getBytes(StandardCharsets.UTF_8);
    }

    private byte[] invalidUtf8() {
        byte[][] bad = {
            {(byte) 0xC0, (byte) 0x80},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xFF},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {(byte) 0xE2, (byte) 0x82}
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("{\"type\":\"ping\",\"id\":\"".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bad[random.nextInt(bad.length)]);
        out.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private String randomJson() {
        String[] types = {"authenticate", "subscribe", "unsubscribe", "presence", "ping", "x", ""};
        String[] values = {
            "null",
            "1e999",
            "-0",
            "[]",
            "{}",
            "\"" + "\\u0000".repeat(random.nextInt(5)) + "\"",
            "\"task.acme-t1\"",
            "[\"project.acme-tower\",\"task.globex-t1\",\"../../etc\"]",
            "\"" + "x".repeat(random.nextInt(300)) + "\"",
            "\"eyJhbGciOiJub25lIn0.e30.\"",
            "{\"offset\":-1,\"epoch\":7}"
        };
        String[] keys = {"id", "token", "channel", "channels", "since", "presence_events", "type"};
        StringBuilder json = new StringBuilder("{\"type\":\"")
                .append(types[random.nextInt(types.length)])
                .append('"');
        int fields = random.nextInt(5);
        for (int i = 0; i < fields; i++) {
            json.append(",\"")
                    .append(keys[random.nextInt(keys.length)])
                    .append("\":")
                    .append(values[random.nextInt(values.length)]);
        }
        return random.nextInt(10) == 0 ? json.toString() : json.append('}').toString();
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Closes the slow-loris sockets still open. */
    @Override
    public void close() throws IOException {
        while (!slowSockets.isEmpty()) {
            slowSockets.removeFirst().close();
        }
    }
}
