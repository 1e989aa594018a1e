package dev.zena.realtime.jetty;

import dev.zena.realtime.websocket.ClientSocket;
import dev.zena.realtime.websocket.HandshakeGuard;
import dev.zena.realtime.websocket.ReadPause;
import dev.zena.realtime.websocket.WsEndpoint;
import dev.zena.realtime.websocket.WsLink;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.function.LongConsumer;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Utf8StringBuilder;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.exception.BadPayloadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code /ws} socket on Jetty's core WebSocket API: whole text and binary messages go to {@link WsEndpoint}, pings
 * are answered. A message is refused ({@link WsEndpoint#tooLarge}) as soon as a frame header declares that it goes
 * past {@code limits.message_size} ({@link WsParser}, which then hands on no further frame), and, should its bytes
 * outgrow the limit anyway, at the fragment that takes it past: its rest, and anything after it on the closing
 * socket, is read and dropped, never kept. It keeps the endpoint and the link, and nothing of the HTTP
 * upgrade request (see ADR 0009).
 *
 * <p>Jetty hands it one frame at a time, on the thread that read it, and reads the next one only once this socket
 * demands it.
 */
final class WsSocket implements FrameHandler, ClientSocket.Opener, WsParser.Limit {

    private static final Logger LOG = LoggerFactory.getLogger(WsSocket.class);
    /** {@link #resumedAtNanos} before any paused read resumed. */
    private static final long NEVER = Long.MIN_VALUE;
    /** A text builder that a message larger than this grew is dropped, so that an idle socket keeps no big buffer. */
    private static final int KEPT_TEXT_BYTES = 4096;

    private final WsEndpoint endpoint;
    /** What the handshake passed on; dropped once the socket is open. */
    private HandshakeGuard.Admitted admitted;

    private volatile CoreSession session;
    private volatile WsLink link;
    /** When the last paused read resumed ({@link System#nanoTime()}); frames read soon after are one batch. */
    private volatile long resumedAtNanos = NEVER;
    /** The text of the message being received; made at the first text message and reused. */
    private Utf8StringBuilder text;
    /** {@link OpCode#TEXT} or {@link OpCode#BINARY}: the kind of the message being received. */
    private byte messageType;
    /** Payload bytes of the message being received, its fragments so far. */
    private long messageBytes;
    /** True once a message went over the size limit: the socket is closing with 1009. */
    private boolean isRefused;

    /** The close code the socket gets as soon as it opens, 0 for none (see {@code WsEndpoint.closeAtOpen}). */
    private final int closeAtOpen;

    WsSocket(WsEndpoint endpoint, HandshakeGuard.Admitted admitted, int closeAtOpen) {
        this.endpoint = endpoint;
        this.admitted = admitted;
        this.closeAtOpen = closeAtOpen;
    }

    @Override
    public void onOpen(CoreSession coreSession, Callback callback) {
        session = coreSession;
        // The heartbeat (the endpoint's sweep) decides when a quiet socket is dead, not Jetty's idle timeout.
        coreSession.setIdleTimeout(Duration.ZERO);
        String remote = admitted.remote() != null ? admitted.remote() : socketIp(coreSession);
        link = endpoint.onOpen(remote, admitted.principal(), this, closeAtOpen);
        admitted = null;
        callback.succeeded();
        // Demand is ours: a socket over its rate limits is read again only after a pause.
        coreSession.demand();
    }

    /** Called by the endpoint while this socket opens: its sender. */
    @Override
    public ClientSocket open(long queueLimitBytes, LongConsumer onDropped, Clock clock) {
        return new JettyOutbound(session, queueLimitBytes, onDropped, clock);
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
        switch (frame.getOpCode()) {
            case OpCode.TEXT, OpCode.BINARY -> {
                messageType = frame.getOpCode();
                messageBytes = 0;
                onFragment(frame, callback);
            }
            case OpCode.CONTINUATION -> onFragment(frame, callback);
            case OpCode.PING ->
                session.sendFrame(
                        new Frame(OpCode.PONG, true, frame.getPayload()),
                        Callback.from(session::demand, callback),
                        false);
            case OpCode.PONG -> {
                callback.succeeded();
                session.demand();
            }
            case OpCode.CLOSE -> callback.succeeded(); // the session answers it and closes
            default -> callback.failed(new IllegalStateException("unexpected opcode " + frame.getOpCode()));
        }
    }

    @Override
    public int messageSizeLimit() {
        return endpoint.messageSizeLimit();
    }

    /** Called by the connection's parser, on the reading thread, at a header that takes a message over the limit. */
    @Override
    public void refusedAtHeader(long received) {
        refuse(received);
    }

    private void refuse(long bytes) {
        if (!isRefused) {
            isRefused = true;
            text = null;
            endpoint.tooLarge(link, bytes);
        }
    }

    /** A data frame: the whole message, or one of its fragments (Jetty checked their order). */
    private void onFragment(Frame frame, Callback callback) {
        messageBytes += frame.getPayloadLength();
        if (isRefused || messageBytes > endpoint.messageSizeLimit()) {
            refuse(messageBytes);
            callback.succeeded();
            session.demand();
            return;
        }
        if (messageType == OpCode.BINARY) {
            // A binary message is answered without its content: only its size is kept.
            if (!frame.isFin()) {
                callback.succeeded();
                session.demand();
                return;
            }
            boolean isFlooding = endpoint.onFrame(link, null, (int) messageBytes);
            callback.succeeded();
            next(isFlooding);
            return;
        }
        onTextFragment(frame, callback);
    }

    private void onTextFragment(Frame frame, Callback callback) {
        if (text == null) {
            text = new Utf8StringBuilder();
        }
        String message;
        try {
            text.append(frame.getPayload());
            if (!frame.isFin()) {
                if (text.hasCodingErrors()) {
                    throw new BadPayloadException.InvalidUtf8();
                }
                callback.succeeded();
                session.demand();
                return;
            }
            message = text.takeCompleteString(BadPayloadException.InvalidUtf8::new);
        } catch (BadPayloadException e) {
            callback.failed(e); // Jetty closes with 1007
            return;
        }
        if (messageBytes > KEPT_TEXT_BYTES) {
            text = null;
        }
        boolean isFlooding = endpoint.onFrame(link, message, (int) messageBytes);
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
            session.demand();
            return;
        }
        endpoint.pause(() -> {
            resumedAtNanos = System.nanoTime();
            session.demand();
        });
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
        WsLink current = link;
        LOG.debug("ws_error conn={}", current == null ? "-" : current.connectionId(), cause);
        callback.succeeded();
    }

    @Override
    public void onClosed(CloseStatus status, Callback callback) {
        WsLink current = link;
        if (current != null) {
            endpoint.onClose(current, status.getCode());
        }
        text = null;
        callback.succeeded();
    }

    private static String socketIp(CoreSession session) {
        if (session.getRemoteAddress() instanceof InetSocketAddress address) {
            return address.getAddress().getHostAddress();
        }
        return String.valueOf(session.getRemoteAddress());
    }
}
