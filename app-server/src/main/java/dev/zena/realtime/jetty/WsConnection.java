package dev.zena.realtime.jetty;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Field;
import java.util.concurrent.Executor;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.websocket.core.OutgoingEntry;
import org.eclipse.jetty.websocket.core.WebSocketConnection;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;
import org.eclipse.jetty.websocket.core.internal.Parser;

/**
 * Jetty's WebSocket connection with every outgoing frame passing through a {@link FrameWriter} (ADR 0012): our text
 * frames are written by it directly, Jetty's own frames (pings, pongs, close) reach Jetty's flusher through it, so
 * the two never write at once and keep their order. Its frames are parsed by a {@link WsParser}, which refuses a
 * frame by its header (ADR 0027). Reading and the close handshake are Jetty's.
 */
final class WsConnection extends WebSocketConnection {

    /**
     * Sets the parser of a {@link WebSocketConnection}: Jetty makes its own in the constructor and offers no way to
     * choose another, so its private field is set once per connection, while the connection is made (ADR 0027).
     */
    private static final MethodHandle SET_PARSER = parserSetter();

    private static MethodHandle parserSetter() {
        try {
            Field parser = WebSocketConnection.class.getDeclaredField("parser");
            parser.setAccessible(true);
            return MethodHandles.lookup().unreflectSetter(parser);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExceptionInInitializerError(new IllegalStateException(
                    "This Jetty's WebSocketConnection has no settable field 'parser' (ADR 0027): check the Jetty "
                            + "version against WsParser",
                    e));
        }
    }

    private final FrameWriter writer;

    /** {@code limit}: the socket the session hands frames to, which the parser asks about message sizes. */
    WsConnection(
            EndPoint endPoint,
            Executor executor,
            Scheduler scheduler,
            ByteBufferPool pool,
            WebSocketCoreSession session,
            WsParser.Limit limit) {
        super(endPoint, executor, scheduler, pool, session);
        this.writer = new FrameWriter(endPoint, this);
        try {
            SET_PARSER.invokeExact((WebSocketConnection) this, (Parser) new WsParser(pool, session, limit));
        } catch (Throwable e) {
            throw new IllegalStateException("cannot set the connection's parser", e);
        }
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
