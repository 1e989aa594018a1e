package dev.zena.realtime.jetty;

import dev.zena.realtime.hub.SharedText;
import dev.zena.realtime.protocol.CloseCode;
import dev.zena.realtime.websocket.ClientSocket;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;

/**
 * Sends to one Jetty core WebSocket session without blocking, keeping a byte count of what is queued but not yet
 * written. A frame that takes the queue over its limit is not queued: the connection is closed as a slow
 * consumer (4009) and the frame counted as dropped, as is every later frame offered to it. So the memory held
 * for one connection never exceeds the limit. Text frames are written by the connection's {@link FrameWriter}
 * (ADR 0012); pings and the close frame take the session's path, which reaches Jetty's flusher through the same
 * writer, in order.
 */
final class JettyOutbound implements ClientSocket {

    private static final long NOT_CLOSING = Long.MIN_VALUE;
    /** A fan-out's wire frame: one direct buffer, written by every receiver without a copy. */
    private static final Function<byte[], ByteBuffer> SHARED_FRAME = utf8 -> FrameWriter.textFrame(utf8, true);

    private static final VarHandle QUEUED_BYTES = handle("queuedBytes", long.class);
    private static final VarHandle PEAK_QUEUED_BYTES = handle("peakQueuedBytes", long.class);
    private static final VarHandle IS_CLOSING = handle("isClosing", boolean.class);

    private static VarHandle handle(String field, Class<?> type) {
        try {
            return MethodHandles.lookup().findVarHandle(JettyOutbound.class, field, type);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final CoreSession core;
    /** Writes this socket's text frames, in order with Jetty's own frames (ADR 0012). */
    private final FrameWriter writer;

    private final long queueLimitBytes;
    private final LongConsumer onDropped;
    private final Clock clock;
    // Updated atomically through the handles below: fields, not Atomic* objects, on the path of every delivery.
    private volatile long queuedBytes;
    private volatile long peakQueuedBytes;
    private volatile boolean isClosing;
    /** Set when Jetty reported the close: read instead of {@code Session.isOpen()}, which takes Jetty's lock. */
    private volatile boolean isClosed;

    private volatile boolean isSlowConsumer;
    private volatile long closingSinceMillis = NOT_CLOSING;

    /** {@code onDropped} is told of every message lost to the full queue (on the sending thread; must be quick). */
    JettyOutbound(CoreSession core, long queueLimitBytes, LongConsumer onDropped, Clock clock) {
        this.core = core;
        this.writer = ((WsConnection) ((WebSocketCoreSession) core).getConnection()).writer();
        this.queueLimitBytes = queueLimitBytes;
        this.onDropped = onDropped;
        this.clock = clock;
    }

    @Override
    public boolean send(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return send(utf8.length, () -> FrameWriter.textFrame(utf8, false), false);
    }

    @Override
    public boolean sendBatched(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return send(utf8.length, () -> FrameWriter.textFrame(utf8, false), true);
    }

    /**
     * Queues a frame of a fan-out: every receiver writes the same wire frame, made once (a direct buffer, so no
     * copy per write either); this connection only takes its own view of it. With {@code batch} it waits until
     * {@link #flush()}.
     */
    @Override
    public boolean send(SharedText message, boolean batch) {
        return send(message.byteLength(), () -> message.wire(SHARED_FRAME).duplicate(), batch);
    }

    private boolean send(long size, Supplier<ByteBuffer> frame, boolean batch) {
        if (isClosing || isClosed) {
            if (isSlowConsumer) {
                onDropped.accept(1);
            }
            return false;
        }
        long queued = (long) QUEUED_BYTES.getAndAdd(this, size) + size;
        if (queued > queueLimitBytes) {
            QUEUED_BYTES.getAndAdd(this, -size);
            isSlowConsumer = true;
            onDropped.accept(1);
            close(CloseCode.SLOW_CONSUMER.code(), CloseCode.SLOW_CONSUMER.reason());
            return false;
        }
        for (long peak = peakQueuedBytes; queued > peak; peak = peakQueuedBytes) {
            if (PEAK_QUEUED_BYTES.compareAndSet(this, peak, queued)) {
                break;
            }
        }
        writer.text(frame.get(), new Written(size), batch);
        return true;
    }

    /** Releases a written (or failed) frame's bytes from the queue count. */
    private final class Written implements Callback {
        private final long size;

        Written(long size) {
            this.size = size;
        }

        @Override
        public void succeeded() {
            QUEUED_BYTES.getAndAdd(JettyOutbound.this, -size);
        }

        @Override
        public void failed(Throwable failure) {
            QUEUED_BYTES.getAndAdd(JettyOutbound.this, -size);
        }
    }

    @Override
    public void flush() {
        writer.flush();
    }

    @Override
    public void close(int code, String reason) {
        if (IS_CLOSING.compareAndSet(this, false, true)) {
            closingSinceMillis = clock.millis();
            core.close(code, reason, Callback.NOOP);
        }
    }

    @Override
    public boolean isOpen() {
        return !isClosing && !isClosed;
    }

    /**
     * Called by the endpoint when Jetty reports the socket closed. Until then a peer's close is noticed by the
     * failed send (Jetty refuses frames on a closed session), which is all a sender needs: the sweep and fan-out
     * read this flag on every connection many times a second and must not contend on Jetty's session lock.
     */
    @Override
    public void markClosed() {
        isClosed = true;
    }

    @Override
    public long queuedBytes() {
        return queuedBytes;
    }

    @Override
    public long peakQueuedBytes() {
        return peakQueuedBytes;
    }

    /**
     * Called by the sweep: a close handshake still unfinished after {@code graceMillis} (a peer that stopped
     * reading never reads our close frame) ends with the TCP connection dropped, so its socket and queue are freed.
     */
    @Override
    public void disconnectIfCloseStalled(long nowMillis, long graceMillis) {
        long since = closingSinceMillis;
        if (since != NOT_CLOSING && nowMillis - since >= graceMillis && !isClosed) {
            core.abort();
        }
    }

    /** Sends a WebSocket ping frame (heartbeat). */
    @Override
    public void ping() {
        if (isOpen()) {
            core.sendFrame(new Frame(OpCode.PING), Callback.NOOP, false);
        }
    }

    /**
     * Bytes read from the socket so far, every frame included (pongs too): the heartbeat's sign of life. Pongs
     * are not handed to the message handler, so the connection's own counter is read instead.
     */
    @Override
    public long bytesRead() {
        if (core instanceof WebSocketCoreSession ws && ws.getConnection() != null) {
            return ws.getConnection().getBytesIn();
        }
        return -1;
    }
}
