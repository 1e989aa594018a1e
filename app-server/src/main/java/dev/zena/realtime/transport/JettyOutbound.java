package dev.zena.realtime.transport;

import dev.zena.realtime.hub.Outbound;
import dev.zena.realtime.protocol.CloseCode;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.OutgoingEntry;
import org.eclipse.jetty.websocket.core.WebSocketConnection;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Sends to one Jetty core WebSocket session without blocking, keeping a byte count of what is queued but not yet
 * written. A frame that takes the queue over its limit is not queued: the connection is closed as a slow
 * consumer (4009) and the frame counted as dropped, as is every later frame offered to it. So the memory held
 * for one connection never exceeds the limit.
 */
final class JettyOutbound implements Outbound {

    private static final long NOT_CLOSING = Long.MIN_VALUE;

    private final CoreSession core;
    private final long queueLimitBytes;
    private final LongConsumer onDropped;
    private final Clock clock;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicLong peakQueuedBytes = new AtomicLong();
    private final AtomicBoolean isClosing = new AtomicBoolean();
    /** Set when Jetty reported the close: read instead of {@code Session.isOpen()}, which takes Jetty's lock. */
    private volatile boolean isClosed;
    private volatile boolean isSlowConsumer;
    private volatile long closingSinceMillis = NOT_CLOSING;

    /** {@code onDropped} is told of every message lost to the full queue (on the sending thread; must be quick). */
    JettyOutbound(CoreSession core, long queueLimitBytes, LongConsumer onDropped, Clock clock) {
        this.core = core;
        this.queueLimitBytes = queueLimitBytes;
        this.onDropped = onDropped;
        this.clock = clock;
    }

    @Override
    public boolean send(String text) {
        return send(text, null);
    }

    /**
     * Queues a text frame. With {@code utf8} (the text's bytes, shared by a whole fan-out) the frame goes straight to
     * Jetty's core session over a view of those bytes: no UTF-8 encoding and no copy per connection.
     */
    @Override
    public boolean send(String text, byte[] utf8) {
        return send(text, utf8, false);
    }

    /** With {@code batch}, a pre-encoded frame waits in Jetty's batch buffer until {@link #flush()}. */
    @Override
    public boolean send(String text, byte[] utf8, boolean batch) {
        if (isClosing.get() || isClosed) {
            if (isSlowConsumer) {
                onDropped.accept(1);
            }
            return false;
        }
        long size = utf8 != null ? utf8.length : Utf8.length(text);
        long queued = queuedBytes.addAndGet(size);
        if (queued > queueLimitBytes) {
            queuedBytes.addAndGet(-size);
            isSlowConsumer = true;
            onDropped.accept(1);
            close(CloseCode.SLOW_CONSUMER.code(), CloseCode.SLOW_CONSUMER.reason());
            return false;
        }
        peakQueuedBytes.accumulateAndGet(queued, Math::max);
        if (utf8 != null) {
            enqueue(new Frame(OpCode.TEXT, true, ByteBuffer.wrap(utf8)), new Written(size), batch);
        } else {
            enqueue(new Frame(OpCode.TEXT, true, text), new Written(size), false);
        }
        return true;
    }

    /**
     * Hands a text frame straight to the connection's frame flusher. The session's own path ({@code sendFrame})
     * would add, per frame, a lock on the session state, an outgoing-frame validation, four allocations and the
     * extension stack with its fragmenting flusher: a quarter of the fan-out's Java time (docs/performance.md). The
     * flusher still refuses frames after the close frame and keeps the order of everything enqueued. No extension
     * is ever negotiated (ADR 0011), so the stack skipped had nothing to do; all text frames take this path, pings
     * and the close frame keep the session's.
     */
    private void enqueue(Frame frame, Callback written, boolean batch) {
        WebSocketConnection connection = core instanceof WebSocketCoreSession ws ? ws.getConnection() : null;
        if (connection == null) {
            core.sendFrame(frame, written, batch);
            return;
        }
        connection.enqueueFrame(new OutgoingEntry.Builder(frame, written).batch(batch).build());
    }

    /** Releases a written (or failed) frame's bytes from the queue count. */
    private final class Written implements Callback {
        private final long size;

        Written(long size) {
            this.size = size;
        }

        @Override
        public void succeeded() {
            queuedBytes.addAndGet(-size);
        }

        @Override
        public void failed(Throwable failure) {
            queuedBytes.addAndGet(-size);
        }
    }

    @Override
    public void flush() {
        if (!isClosed) {
            core.flush(Callback.NOOP);
        }
    }

    @Override
    public void close(int code, String reason) {
        if (isClosing.compareAndSet(false, true)) {
            closingSinceMillis = clock.millis();
            core.close(code, reason, Callback.NOOP);
        }
    }

    @Override
    public boolean isOpen() {
        return !isClosing.get() && !isClosed;
    }

    /**
     * Called by the endpoint when Jetty reports the socket closed. Until then a peer's close is noticed by the
     * failed send (Jetty refuses frames on a closed session), which is all a sender needs: the sweep and fan-out
     * read this flag on every connection many times a second and must not contend on Jetty's session lock.
     */
    void markClosed() {
        isClosed = true;
    }

    @Override
    public long queuedBytes() {
        return queuedBytes.get();
    }

    @Override
    public long peakQueuedBytes() {
        return peakQueuedBytes.get();
    }

    /**
     * Called by the sweep: a close handshake still unfinished after {@code graceMillis} (a peer that stopped
     * reading never reads our close frame) ends with the TCP connection dropped, so its socket and queue are freed.
     */
    void disconnectIfCloseStalled(long nowMillis, long graceMillis) {
        long since = closingSinceMillis;
        if (since != NOT_CLOSING && nowMillis - since >= graceMillis && !isClosed) {
            core.abort();
        }
    }

    /** Sends a WebSocket ping frame (heartbeat). */
    void ping() {
        if (isOpen()) {
            core.sendFrame(new Frame(OpCode.PING), Callback.NOOP, false);
        }
    }

    /**
     * Bytes read from the socket so far, every frame included (pongs too): the heartbeat's sign of life. Pongs
     * are not handed to the message handler, so the connection's own counter is read instead.
     */
    long bytesRead() {
        if (core instanceof WebSocketCoreSession ws && ws.getConnection() != null) {
            return ws.getConnection().getBytesIn();
        }
        return -1;
    }
}
