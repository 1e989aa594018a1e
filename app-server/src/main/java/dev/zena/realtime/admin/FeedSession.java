package dev.zena.realtime.admin;

import dev.zena.realtime.protocol.CloseCode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * One open admin feed: its socket, the caller it speaks to (with the principal the live re-check checks again), the
 * last store change it was checked against, and its send queue. Sends never block: a text is handed to the
 * socket, which writes it later; the bytes handed over and not yet written are counted, and a
 * text that would take them over the limit is not sent: the feed is closed as a slow consumer (4009) and that text,
 * and every later one, counted as dropped. Thread-safe; sends are serialised per feed, in order.
 */
final class FeedSession {

    private static final long NOT_CLOSING = Long.MIN_VALUE;

    private final FeedSocket socket;
    private final FeedAdmission.Admitted admitted;
    private final long queueLimitBytes;
    private final LongConsumer onDropped;
    private final Clock clock;
    private final AtomicLong queuedBytes = new AtomicLong();
    private volatile boolean isClosing;
    private volatile boolean isSlowConsumer;
    private volatile long closingSinceMillis = NOT_CLOSING;
    private volatile boolean isDisconnected;
    private volatile long checkedSeq;

    /** Called when the socket opens; {@code onDropped} is told of every text lost to the full queue. */
    FeedSession(
            FeedSocket socket,
            FeedAdmission.Admitted admitted,
            long queueLimitBytes,
            LongConsumer onDropped,
            Clock clock) {
        this.socket = socket;
        this.admitted = admitted;
        this.queueLimitBytes = queueLimitBytes;
        this.onDropped = onDropped;
        this.clock = clock;
        this.checkedSeq = admitted.checkedSeq();
    }

    /** What the handshake admitted. */
    FeedAdmission.Admitted admitted() {
        return admitted;
    }

    AdminCaller caller() {
        return admitted.caller();
    }

    /** The client address this feed counts against. */
    String remote() {
        return admitted.remote();
    }

    /** The store change the caller was last checked against. */
    long checkedSeq() {
        return checkedSeq;
    }

    /** Called by the live re-check once the caller was found still valid as of change {@code seq}. */
    void checkedAt(long seq) {
        checkedSeq = seq;
    }

    /** Queues one text; false when it was not queued (closing, or the queue is full: then closes with 4009). */
    synchronized boolean send(String text) {
        if (isClosing) {
            if (isSlowConsumer) {
                onDropped.accept(1);
            }
            return false;
        }
        long size = text.getBytes(StandardCharsets.UTF_8).length;
        if (queuedBytes.addAndGet(size) > queueLimitBytes) {
            queuedBytes.addAndGet(-size);
            isSlowConsumer = true;
            onDropped.accept(1);
            close(CloseCode.SLOW_CONSUMER.code(), CloseCode.SLOW_CONSUMER.reason());
            return false;
        }
        socket.send(text, () -> queuedBytes.addAndGet(-size));
        return true;
    }

    /** Starts the closing handshake once; later sends are dropped. */
    void close(int code, String reason) {
        synchronized (this) {
            if (isClosing) {
                return;
            }
            isClosing = true;
        }
        closingSinceMillis = clock.millis();
        socket.close(code, reason);
    }

    /** True until the feed closed or started to close. */
    boolean isOpen() {
        return !isClosing;
    }

    /**
     * Called by the tick: a close handshake still unfinished after {@code graceMillis} (a peer that stopped reading
     * never reads the close frame behind its queue) ends with the TCP connection dropped, so its queue is freed.
     */
    void disconnectIfCloseStalled(long nowMillis, long graceMillis) {
        long since = closingSinceMillis;
        if (since != NOT_CLOSING && nowMillis - since >= graceMillis && !isDisconnected) {
            isDisconnected = true;
            socket.disconnect();
        }
    }
}
