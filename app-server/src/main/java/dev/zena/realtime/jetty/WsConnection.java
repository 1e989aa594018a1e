package dev.zena.realtime.jetty;

import java.util.concurrent.Executor;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.websocket.core.OutgoingEntry;
import org.eclipse.jetty.websocket.core.WebSocketConnection;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;

/**
 * Jetty's WebSocket connection with every outgoing frame passing through a {@link FrameWriter} (ADR 0012): our text
 * frames are written by it directly, Jetty's own frames (pings, pongs, close) reach Jetty's flusher through it, so
 * the two never write at once and keep their order. Reading, parsing and the close handshake are Jetty's.
 */
final class WsConnection extends WebSocketConnection {

    private final FrameWriter writer;

    WsConnection(
            EndPoint endPoint,
            Executor executor,
            Scheduler scheduler,
            ByteBufferPool pool,
            WebSocketCoreSession session) {
        super(endPoint, executor, scheduler, pool, session);
        this.writer = new FrameWriter(endPoint, this);
    }

    FrameWriter writer() {
        return writer;
    }

    /** Every frame the session sends (pings, pongs, the close frame) comes here; it waits its turn. */
    @Override
    public void enqueueFrame(OutgoingEntry entry) {
        writer.jetty(entry);
    }

    /** Jetty's own path for one entry: its frame flusher. Only the writer calls this, in the entry's turn. */
    void toJettyFlusher(OutgoingEntry entry) {
        super.enqueueFrame(entry);
    }

    @Override
    public void onClose(Throwable cause) {
        super.onClose(cause);
        writer.closed(cause);
    }
}
