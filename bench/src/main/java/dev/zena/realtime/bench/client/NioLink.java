package dev.zena.realtime.bench.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * One connection of the {@link NioTransport}: HTTP upgrade, then frames. Every method but {@link #send} and
 * {@link #close} runs on the owning loop's thread. Text is decoded as ISO-8859-1 (one byte, one char: a plain copy
 * into a compact string); the scenarios only look for ASCII markers in it.
 */
final class NioLink implements Link {

    private static final byte[] CRLFCRLF = {'\r', '\n', '\r', '\n'};

    private final NioLoop loop;
    private final SocketChannel channel;
    private final InetSocketAddress target;
    private final String path;
    private final LinkListener listener;
    private SelectionKey key;
    private boolean isUpgraded;
    private boolean isClosed;
    private byte[] pending;
    private ByteArrayOutputStream fragments;
    private ArrayDeque<ByteBuffer> outQueue;

    NioLink(NioLoop loop, SocketChannel channel, InetSocketAddress target, String path, LinkListener listener) {
        this.loop = loop;
        this.channel = channel;
        this.target = target;
        this.path = path;
        this.listener = listener;
    }

    void attach(SelectionKey selectionKey) {
        this.key = selectionKey;
    }

    @Override
    public void send(String text) {
        if (loop.isLoopThread()) {
            write(Frames.TEXT, text.getBytes(StandardCharsets.UTF_8));
        } else {
            loop.execute(() -> write(Frames.TEXT, text.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Override
    public void close() {
        if (loop.isLoopThread()) {
            closeNormally();
        } else {
            loop.execute(this::closeNormally);
        }
    }

    void onReady(SelectionKey selected) {
        try {
            if (selected.isConnectable()) {
                onConnectable();
                return;
            }
            if (selected.isWritable()) {
                flush();
            }
            if (selected.isReadable()) {
                onReadable();
            }
        } catch (CancelledKeyException e) {
            finish(-1, "cancelled");
        } catch (IOException e) {
            finish(-1, e.toString());
        }
    }

    void onConnectable() throws IOException {
        if (!channel.finishConnect()) {
            return;
        }
        key.interestOps(SelectionKey.OP_READ);
        String request = "GET " + path + " HTTP/1.1\r\nHost: " + target.getHostString() + ":" + target.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        writeRaw(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
    }

    private void onReadable() throws IOException {
        ByteBuffer in = loop.readBuffer();
        in.clear();
        if (pending != null) {
            in.put(pending);
            pending = null;
        }
        int read = channel.read(in);
        in.flip();
        if (read < 0) {
            finish(-1, "end of stream");
            return;
        }
        if (!isUpgraded && !readUpgrade(in)) {
            keepRest(in);
            return;
        }
        while (!isClosed && readFrame(in)) {
            // one frame per turn
        }
        if (!isClosed) {
            keepRest(in);
        }
    }

    private boolean readUpgrade(ByteBuffer in) {
        int end = indexOf(in, CRLFCRLF);
        if (end < 0) {
            return false;
        }
        String head = new String(in.array(), in.position(), end - in.position(), StandardCharsets.ISO_8859_1);
        in.position(end + 4);
        if (!head.startsWith("HTTP/1.1 101")) {
            int lineEnd = head.indexOf('\r');
            finish(-1, "upgrade refused: " + (lineEnd > 0 ? head.substring(0, lineEnd) : head));
            return false;
        }
        isUpgraded = true;
        listener.opened(this);
        return true;
    }

    /** Consumes one whole frame if the buffer holds it; false when more bytes are needed. */
    private boolean readFrame(ByteBuffer in) {
        long header = Frames.peekHeader(in);
        if (header < 0) {
            return false;
        }
        int headerLength = (int) (header & 0xFF);
        long payloadLength = header >>> 8;
        if (headerLength + payloadLength > NioLoop.READ_BUFFER) {
            finish(-1, "frame of " + payloadLength + " bytes is larger than the generator's read buffer");
            return false;
        }
        if (in.remaining() < headerLength + payloadLength) {
            return false;
        }
        int p = in.position();
        int first = in.get(p) & 0xFF;
        boolean isFinal = (first & 0x80) != 0;
        int opcode = first & 0x0F;
        int start = p + headerLength;
        int length = (int) payloadLength;
        in.position(start + length);
        onFrame(isFinal, opcode, in.array(), start, length);
        return true;
    }

    private void onFrame(boolean isFinal, int opcode, byte[] data, int start, int length) {
        switch (opcode) {
            case Frames.TEXT, Frames.BINARY, Frames.CONTINUATION -> onData(isFinal, opcode, data, start, length);
            case Frames.PING -> write(Frames.PONG, java.util.Arrays.copyOfRange(data, start, start + length));
            case Frames.CLOSE -> {
                int code = length >= 2 ? ((data[start] & 0xFF) << 8) | (data[start + 1] & 0xFF) : 1005;
                String reason = length > 2 ? new String(data, start + 2, length - 2, StandardCharsets.UTF_8) : "";
                write(Frames.CLOSE, java.util.Arrays.copyOfRange(data, start, start + Math.min(length, 2)));
                finish(code, reason);
            }
            default -> {
                /* pong and reserved opcodes: nothing to do */
            }
        }
    }

    private void onData(boolean isFinal, int opcode, byte[] data, int start, int length) {
        if (isFinal && fragments == null) {
            if (opcode == Frames.TEXT) {
                listener.text(this, new String(data, start, length, StandardCharsets.ISO_8859_1));
            }
            return;
        }
        if (fragments == null) {
            fragments = new ByteArrayOutputStream();
        }
        fragments.write(data, start, length);
        if (isFinal) {
            byte[] whole = fragments.toByteArray();
            fragments = null;
            listener.text(this, new String(whole, StandardCharsets.ISO_8859_1));
        }
    }

    private void write(int opcode, byte[] payload) {
        if (isClosed) {
            return;
        }
        writeRaw(Frames.clientFrame(opcode, payload, loop.nextMask()));
    }

    private void writeRaw(ByteBuffer frame) {
        try {
            if (outQueue == null || outQueue.isEmpty()) {
                channel.write(frame);
                if (!frame.hasRemaining()) {
                    return;
                }
            }
            if (outQueue == null) {
                outQueue = new ArrayDeque<>();
            }
            outQueue.add(frame);
            key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        } catch (IOException | CancelledKeyException e) {
            finish(-1, e.toString());
        }
    }

    private void flush() throws IOException {
        while (outQueue != null && !outQueue.isEmpty()) {
            ByteBuffer head = outQueue.peek();
            channel.write(head);
            if (head.hasRemaining()) {
                return;
            }
            outQueue.poll();
        }
        key.interestOps(SelectionKey.OP_READ);
    }

    private void keepRest(ByteBuffer in) {
        if (in.hasRemaining()) {
            pending = new byte[in.remaining()];
            in.get(pending);
        }
    }

    private void closeNormally() {
        if (!isClosed && isUpgraded) {
            write(Frames.CLOSE, new byte[] {0x03, (byte) 0xE8});
        }
        finish(1000, "closed by the generator");
    }

    void abort() {
        finish(-1, "generator stopped");
    }

    private void finish(int code, String reason) {
        if (isClosed) {
            return;
        }
        isClosed = true;
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        listener.closed(this, code, reason);
    }

    private static int indexOf(ByteBuffer in, byte[] needle) {
        byte[] a = in.array();
        for (int i = in.position(), last = in.limit() - needle.length; i <= last; i++) {
            if (a[i] == needle[0] && a[i + 1] == needle[1] && a[i + 2] == needle[2] && a[i + 3] == needle[3]) {
                return i;
            }
        }
        return -1;
    }
}
