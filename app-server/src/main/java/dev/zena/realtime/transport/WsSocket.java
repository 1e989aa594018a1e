package dev.zena.realtime.transport;

import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.internal.MessageHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;

/**
 * One {@code /ws} socket on Jetty's core WebSocket API: whole text and binary messages (Jetty aggregates the
 * fragments and closes with 1009 beyond the session's message size) go to {@link WsEndpoint}. It keeps the
 * endpoint and the link, and nothing of the HTTP upgrade request (see ADR 0009).
 */
final class WsSocket extends MessageHandler {

    private static final Logger LOG = LoggerFactory.getLogger(WsSocket.class);
    /** {@link #resumedAtNanos} before any paused read resumed. */
    private static final long NEVER = Long.MIN_VALUE;

    private final WsEndpoint endpoint;
    /** What the handshake passed on; dropped once the socket is open. */
    private HandshakeGuard.Admitted admitted;
    private volatile WsLink link;
    /** When the last paused read resumed ({@link System#nanoTime()}); frames read soon after are one batch. */
    private volatile long resumedAtNanos = NEVER;

    WsSocket(WsEndpoint endpoint, HandshakeGuard.Admitted admitted) {
        super(false); // demand is ours: a socket over its rate limits is read again only after a pause
        this.endpoint = endpoint;
        this.admitted = admitted;
    }

    @Override
    public void onOpen(CoreSession session, Callback callback) {
        link = endpoint.onOpen(session, admitted);
        admitted = null;
        super.onOpen(session, callback); // completes the open
        session.demand();
    }

    @Override
    protected void onText(String text, Callback callback) {
        boolean isFlooding = endpoint.onFrame(link, text, Utf8.length(text));
        callback.succeeded();
        next(isFlooding);
    }

    @Override
    protected void onBinary(ByteBuffer data, Callback callback) {
        boolean isFlooding = endpoint.onFrame(link, null, data.remaining());
        callback.succeeded();
        next(isFlooding);
    }

    /**
     * Asks Jetty for the next message: at once, unless this one was refused to a flooding client outside the batch
     * of its last paused read; then after the pause (ADR 0010), so that what it sent meanwhile comes in one read.
     */
    private void next(boolean isFlooding) {
        long resumedAt = resumedAtNanos;
        if (!isFlooding || resumedAt != NEVER && System.nanoTime() - resumedAt < ReadPause.BATCH_NANOS) {
            getCoreSession().demand();
            return;
        }
        endpoint.pause(() -> {
            resumedAtNanos = System.nanoTime();
            getCoreSession().demand();
        });
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
        WsLink current = link;
        LOG.debug("ws_error conn={}", current == null ? "-" : current.connection().id(), cause);
        super.onError(cause, callback);
    }

    @Override
    public void onClosed(CloseStatus status, Callback callback) {
        WsLink current = link;
        if (current != null) {
            endpoint.onClose(current, status.getCode());
        }
        super.onClosed(status, callback);
    }
}
