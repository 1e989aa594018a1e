package dev.zena.realtime.hub;

/**
 * The sending side of one client connection, implemented by the transport. Calls never block: a frame is
 * queued and written later.
 */
public interface Outbound {

    /**
     * Queues one text frame. Returns false when it was not queued: the connection is closed, or this frame took
     * the send queue over its limit (the transport then closes the connection as a slow consumer).
     */
    boolean send(String text);

    /**
     * Queues one text frame that may wait in the transport's buffer, as a batched fan-out frame does, until
     * {@link #flush()} or the next unbatched frame writes it in the same socket write. By default sends it at once.
     */
    default boolean sendBatched(String text) {
        return send(text);
    }

    /**
     * Queues one text frame of a fan-out ({@code message} is shared by every receiver: never modified). With
     * {@code batch} the frame may wait in the transport's buffer until {@link #flush()} (or a later unbatched frame)
     * writes it, so that several frames of a burst share one socket write. By default sends the text at once.
     */
    default boolean send(SharedText message, boolean batch) {
        return send(message.text());
    }

    /** Writes the frames batched so far. By default there is nothing to write. */
    default void flush() {}

    /** Starts the closing handshake with a close code and reason; later sends are dropped. */
    void close(int code, String reason);

    /** True until the connection has closed or started to close. */
    boolean isOpen();

    /** Bytes queued and not yet written to the socket (0 when the transport does not know). */
    default long queuedBytes() {
        return 0;
    }

    /** The most bytes ever queued at once on this connection: memory held for it never went beyond. */
    default long peakQueuedBytes() {
        return 0;
    }
}
