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

    private final WsEndpoint endpoint;
    /** What the handshake passed on; dropped once the socket is open. */
    private HandshakeGuard.Admitted admitted;
    private volatile WsLink link;

    WsSocket(WsEndpoint endpoint, HandshakeGuard.Admitted admitted) {
        this.endpoint = endpoint;
        this.admitted = admitted;
    }

    @Override
    public void onOpen(CoreSession session, Callback callback) {
        link = endpoint.onOpen(session, admitted);
        admitted = null;
        super.onOpen(session, callback); // completes the open, then asks Jetty for the first frame

    }

    @Override
    protected void onText(String text, Callback callback) {
        endpoint.onFrame(link, text, Utf8.length(text));
        callback.succeeded();
    }

    @Override
    protected void onBinary(ByteBuffer data, Callback callback) {
        endpoint.onFrame(link, null, data.remaining());
        callback.succeeded();
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
