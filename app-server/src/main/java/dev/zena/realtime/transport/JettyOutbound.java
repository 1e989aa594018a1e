package dev.zena.realtime.transport;

import dev.zena.realtime.hub.Outbound;
import dev.zena.realtime.protocol.CloseCode;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Sends to one Jetty WebSocket session without blocking, keeping a byte count of what is queued but not yet
 * written. A frame that takes the queue over its limit is not queued: the connection is closed as a slow
 * consumer (4009) and the frame counted as dropped.
 */
final class JettyOutbound implements Outbound {

    private final Session session;
    private final long queueLimitBytes;
    private final LongConsumer onDropped;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean isClosing = new AtomicBoolean();

    JettyOutbound(Session session, long queueLimitBytes, LongConsumer onDropped) {
        this.session = session;
        this.queueLimitBytes = queueLimitBytes;
        this.onDropped = onDropped;
    }

    @Override
    public boolean send(String text) {
        if (isClosing.get() || !session.isOpen()) {
            return false;
        }
        long size = text.length();
        if (queuedBytes.addAndGet(size) > queueLimitBytes) {
            queuedBytes.addAndGet(-size);
            onDropped.accept(1);
            close(CloseCode.SLOW_CONSUMER.code(), CloseCode.SLOW_CONSUMER.reason());
            return false;
        }
        session.sendText(text, Callback.from(() -> queuedBytes.addAndGet(-size), failure -> queuedBytes.addAndGet(-size)));
        return true;
    }

    @Override
    public void close(int code, String reason) {
        if (isClosing.compareAndSet(false, true)) {
            session.close(code, reason, Callback.NOOP);
        }
    }

    @Override
    public boolean isOpen() {
        return !isClosing.get() && session.isOpen();
    }

    /** Bytes queued and not yet written to the socket. */
    long queuedBytes() {
        return queuedBytes.get();
    }

    /** Sends a WebSocket ping frame (heartbeat). */
    void ping() {
        if (isOpen()) {
            session.sendPing(ByteBuffer.allocate(0), Callback.NOOP);
        }
    }

    /**
     * Bytes read from the socket so far, every frame included (pongs too): the heartbeat's sign of life. Jetty
     * does not report pong frames to Javalin's handlers, so the connection's own counter is read instead.
     */
    long bytesRead() {
        if (session instanceof WebSocketSession ws && ws.getCoreSession() instanceof WebSocketCoreSession core
                && core.getConnection() != null) {
            return core.getConnection().getBytesIn();
        }
        return -1;
    }
}
