package dev.zena.realtime.jetty;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.OutgoingEntry;

/**
 * Writes one WebSocket connection's outgoing frames in order (ADR 0012). Text frames arrive as whole wire frames
 * (header and payload, usually one buffer shared by a whole fan-out) and are written straight to the socket by the
 * sending thread: one {@code write} per frame, or one gathering write per burst. Jetty's own frames (pings, pongs,
 * the close frame) still go through Jetty's frame flusher, which the session's close handling relies on.
 *
 * <p>The two never write at the same time: a frame of one kind waits while a write of the other kind is
 * unfinished, so bytes never interleave and the order frames were offered in is the order on the wire. A write the
 * socket cannot take at once finishes through the endpoint's own write (which waits for the socket to drain);
 * what is offered meanwhile waits here, and is written in one gathering write when it completes.
 */
final class FrameWriter {

    /** Most frames in one gathering write (the kernel accepts up to 1,024 buffers in one {@code writev}). */
    private static final int MAX_GATHER = 256;
    /** The first byte of a whole text frame: FIN, no RSV bits (no extensions, ADR 0011), opcode 1. */
    private static final byte FIN_TEXT = (byte) 0x81;
    /** The largest payload whose length fits the second byte; 126 and 127 announce a 16- and a 64-bit length. */
    private static final int SHORT_LENGTH = 125;

    private final EndPoint endPoint;
    /** The socket itself when the endpoint is a plain one: a single frame then costs one {@code write(2)}. */
    private final SocketChannel channel;

    private final WsConnection connection;

    // Guarded by this.
    /** Frames offered and not yet handed on: {@link Text} or Jetty's {@link OutgoingEntry}, in order. */
    private ArrayDeque<Object> waiting; // made on first need: most sockets never have anything waiting
    /** A write of text frames is unfinished. */
    private boolean isWriting;
    /** Jetty entries handed to its flusher and not yet completed. */
    private int inJetty;
    /** The close frame was offered, or the connection failed: text frames are refused from now on. */
    private boolean isClosed;

    private Throwable failure;

    /** Writes to {@code endPoint}; Jetty's frames go to {@code connection}'s own flusher. */
    FrameWriter(EndPoint endPoint, WsConnection connection) {
        this.endPoint = endPoint;
        this.channel = endPoint instanceof SocketChannelEndPoint plain ? plain.getChannel() : null;
        this.connection = connection;
    }

    /**
     * A whole final text frame around {@code utf8}, ready to write (position 0, limit its end): a direct buffer when
     * it is written to many sockets (no copy per write), a heap one when it is written once. A server's frames are
     * not masked (RFC 6455 §5.1), so the header is 2, 4 or 10 bytes: FIN and the opcode, then the payload length in
     * 7 bits, or 126 and 16 bits, or 127 and 64 bits, in network byte order (§5.2).
     */
    static ByteBuffer textFrame(byte[] utf8, boolean isDirect) {
        int length = utf8.length;
        int header = length <= SHORT_LENGTH ? 2 : length <= 0xFFFF ? 4 : 10;
        ByteBuffer frame = isDirect ? ByteBuffer.allocateDirect(header + length) : ByteBuffer.allocate(header + length);
        frame.put(FIN_TEXT);
        if (header == 2) {
            frame.put((byte) length);
        } else if (header == 4) {
            frame.put((byte) 126).putShort((short) length);
        } else {
            frame.put((byte) 127).putLong(length);
        }
        return frame.put(utf8).flip();
    }

    /** One text frame on the wire: {@code bytes} is this connection's own view (its position is consumed). */
    private record Text(ByteBuffer bytes, Callback written) {}

    /**
     * Offers a whole text frame. With {@code batch} it waits for {@link #flush()} or the next unbatched frame.
     * {@code written} is told when its bytes were written, or that they never will be.
     */
    void text(ByteBuffer bytes, Callback written, boolean batch) {
        boolean isRefused;
        boolean isNow = false;
        synchronized (this) {
            isRefused = isClosed;
            if (isRefused) {
                // refused below, outside the lock
            } else if (!batch && !isWriting && inJetty == 0 && isEmpty()) {
                isWriting = true; // the common case: nothing before it, so this thread writes it now
                isNow = true;
            } else {
                waiting().add(new Text(bytes, written));
            }
        }
        if (isRefused) {
            written.failed(new ClosedChannelException());
        } else if (isNow) {
            if (write(new ByteBuffer[] {bytes}, new Callback[] {written})) {
                drain();
            }
        } else if (!batch) {
            drain();
        }
    }

    /** Writes the text frames batched so far. */
    void flush() {
        drain();
    }

    /** Offers one of Jetty's frames (the session's path): it goes to Jetty's flusher in its turn. */
    void jetty(OutgoingEntry entry) {
        Frame frame = entry.getFrame();
        List<Text> dropped = null;
        boolean isFailed;
        synchronized (this) {
            if (frame.getOpCode() == OpCode.CLOSE && !isClosed) {
                isClosed = true;
                if (CloseStatus.getCloseStatus(frame).isAbnormal()) {
                    // As Jetty's flusher does: an abnormal close is not queued behind the frames still waiting.
                    dropped = removeWaitingText();
                }
            }
            isFailed = failure != null;
            if (isFailed) {
                inJetty++;
            } else {
                waiting().add(entry);
            }
        }
        fail(dropped, new ClosedChannelException());
        if (isFailed) {
            handToJetty(entry); // Jetty's flusher is closed as well, and fails it
        } else {
            drain();
        }
    }

    /** The connection closed: what still waits is failed. */
    void closed(Throwable cause) {
        List<Object> dropped;
        synchronized (this) {
            isClosed = true;
            if (failure == null) {
                failure = cause == null ? new ClosedChannelException() : cause;
            }
            dropped = isEmpty() ? List.of() : new ArrayList<>(waiting);
            waiting = null;
        }
        failAll(dropped, failure);
    }

    /** Hands on what waits, in order, for as long as nothing else is being written. */
    private void drain() {
        while (true) {
            ByteBuffer[] buffers;
            Callback[] callbacks;
            List<OutgoingEntry> toJetty = null;
            synchronized (this) {
                Object head = waiting == null ? null : waiting.peek();
                if (isWriting || head == null || head instanceof Text && inJetty > 0) {
                    return;
                }
                if (head instanceof OutgoingEntry) {
                    toJetty = new ArrayList<>(2);
                    while (waiting.peek() instanceof OutgoingEntry entry) {
                        waiting.poll();
                        toJetty.add(entry);
                    }
                    inJetty += toJetty.size();
                    buffers = null;
                    callbacks = null;
                } else {
                    int count = 0;
                    for (Object item : waiting) {
                        if (!(item instanceof Text) || count == MAX_GATHER) {
                            break;
                        }
                        count++;
                    }
                    buffers = new ByteBuffer[count];
                    callbacks = new Callback[count];
                    for (int i = 0; i < count; i++) {
                        Text text = (Text) waiting.poll();
                        buffers[i] = text.bytes();
                        callbacks[i] = text.written();
                    }
                    isWriting = true;
                }
            }
            if (toJetty != null) {
                toJetty.forEach(this::handToJetty);
            } else if (!write(buffers, callbacks)) {
                return; // unfinished: its completion drains on
            }
        }
    }

    /** Writes text frames; true when that finished now (written or failed), false when the endpoint finishes it. */
    private boolean write(ByteBuffer[] buffers, Callback[] callbacks) {
        try {
            if (writeNow(buffers)) {
                written(callbacks, null);
                return true;
            }
            endPoint.write(
                    new Callback() {
                        @Override
                        public void succeeded() {
                            written(callbacks, null);
                            drain();
                        }

                        @Override
                        public void failed(Throwable cause) {
                            written(callbacks, cause);
                        }
                    },
                    buffers);
            return false;
        } catch (Throwable cause) {
            written(callbacks, cause);
            return true;
        }
    }

    /** As much as the socket takes now, without blocking; true when everything was written. */
    private boolean writeNow(ByteBuffer[] buffers) throws IOException {
        if (channel == null) {
            return endPoint.flush(buffers);
        }
        if (buffers.length == 1) {
            channel.write(buffers[0]);
            return !buffers[0].hasRemaining();
        }
        channel.write(buffers);
        return !buffers[buffers.length - 1].hasRemaining();
    }

    private void written(Callback[] callbacks, Throwable cause) {
        synchronized (this) {
            isWriting = false;
        }
        for (Callback callback : callbacks) {
            if (cause == null) {
                callback.succeeded();
            } else {
                callback.failed(cause);
            }
        }
        if (cause != null) {
            closed(cause);
            endPoint.close(cause);
        }
    }

    /** Jetty's entry, never batched (so its callback means written), counted until it completes. */
    private void handToJetty(OutgoingEntry entry) {
        Callback original = entry.getCallback();
        connection.toJettyFlusher(new OutgoingEntry.Builder(entry)
                .batch(false)
                .callback(new Callback() {
                    @Override
                    public void succeeded() {
                        original.succeeded();
                        jettyDone();
                    }

                    @Override
                    public void failed(Throwable cause) {
                        original.failed(cause);
                        jettyDone();
                    }
                })
                .build());
    }

    private void jettyDone() {
        boolean isIdle;
        synchronized (this) {
            isIdle = --inJetty == 0 && !isEmpty();
        }
        if (isIdle) {
            drain();
        }
    }

    private List<Text> removeWaitingText() {
        List<Text> removed = new ArrayList<>();
        if (waiting != null) {
            waiting.removeIf(item -> item instanceof Text text && removed.add(text));
        }
        return removed;
    }

    private boolean isEmpty() {
        return waiting == null || waiting.isEmpty();
    }

    private ArrayDeque<Object> waiting() {
        if (waiting == null) {
            waiting = new ArrayDeque<>(4);
        }
        return waiting;
    }

    private static void fail(List<Text> dropped, Throwable cause) {
        if (dropped != null) {
            dropped.forEach(text -> text.written().failed(cause));
        }
    }

    private static void failAll(List<Object> dropped, Throwable cause) {
        for (Object item : dropped) {
            if (item instanceof Text text) {
                text.written().failed(cause);
            } else if (item instanceof OutgoingEntry entry && entry.getCallback() != null) {
                entry.getCallback().failed(cause);
            }
        }
    }
}
