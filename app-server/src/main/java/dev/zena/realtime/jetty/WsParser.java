package dev.zena.realtime.jetty;

import java.nio.ByteBuffer;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.exception.MessageTooLargeException;
import org.eclipse.jetty.websocket.core.exception.ProtocolException;
import org.eclipse.jetty.websocket.core.internal.Parser;

/**
 * Jetty's frame parser, which refuses a frame by its header (ADR 0027). Jetty checks a frame's declared length only
 * once its first payload byte is read, so a header that claims more than can be accepted, followed by nothing, was
 * answered only by the authentication deadline or the heartbeat. Here:
 *
 * <ul>
 *   <li>a data frame whose declared length takes its message (the declared lengths of the message's frames so far)
 *       past {@code limits.message_size} is refused as soon as its length is read, even before its mask: the socket
 *       answers it as any message over the limit ({@code MESSAGE_TOO_LARGE}, then 1009), and from then on every
 *       byte of the connection is read and dropped, never parsed. A length over 2^31 − 1, which Jetty's parser
 *       itself refuses, is answered the same way;
 *   <li>a control frame that declares more than 125 bytes fails the connection with 1002 at its header, as Jetty
 *       does once a payload byte comes.
 * </ul>
 *
 * <p>Nothing is allocated per frame: a frame costs a few field writes and one comparison over Jetty's own work. Used
 * by one connection, on the thread that reads it.
 */
final class WsParser extends Parser {

    /** What the parser asks of the socket its frames go to. */
    interface Limit {

        /** The largest message in bytes ({@code limits.message_size}). */
        int messageSizeLimit();

        /**
         * Called once, on the reading thread, when a header declared a message over the limit; {@code received} is
         * the payload bytes of that message read before it. No frame of the connection is handed on after this.
         */
        void refusedAtHeader(long received);
    }

    private final Limit limit;
    /** The opcode of the frame being parsed, from its first byte. */
    private byte opcode;
    /** True from a frame's first byte until its declared length was checked. */
    private boolean isUnchecked;
    /** Declared payload bytes of the message's frames checked so far (from 0 at each new message). */
    private long messageBytes;
    /** True while the last data frame was not final: a continuation belongs to its message. */
    private boolean isMessageOpen;
    /** True once a header was refused: the connection is closing and its bytes are dropped. */
    private boolean isRefused;

    WsParser(ByteBufferPool pool, Configuration configuration, Limit limit) {
        super(pool, configuration);
        this.limit = limit;
    }

    @Override
    public Frame.Parsed parse(ByteBuffer buffer) {
        if (isRefused) {
            buffer.position(buffer.limit());
            return null;
        }
        Frame.Parsed frame;
        try {
            frame = super.parse(buffer);
        } catch (MessageTooLargeException e) {
            // Thrown by checkFrameSize below, or by Jetty for a length over 2^31 - 1 (the buffer is consumed).
            if (!OpCode.isDataFrame(opcode)) {
                throw e;
            }
            refuse(buffer);
            return null;
        }
        if (frame == null && isUnchecked) {
            // The buffer ended within a frame that has no payload byte yet, so Jetty did not check its length. Read
            // so far, the length is at most what the header declares (a long length comes high byte first).
            checkHeader(buffer);
        }
        return frame;
    }

    private void checkHeader(ByteBuffer buffer) {
        long declared = getPayloadLength();
        if (OpCode.isDataFrame(opcode)) {
            if (messageBytes + declared > limit.messageSizeLimit()) {
                refuse(buffer);
            }
        } else if (declared > Frame.MAX_CONTROL_PAYLOAD) {
            throw new ProtocolException("Invalid control frame payload length, [" + declared + "] cannot exceed ["
                    + Frame.MAX_CONTROL_PAYLOAD + "]");
        }
    }

    private void refuse(ByteBuffer buffer) {
        isRefused = true;
        buffer.position(buffer.limit());
        limit.refusedAtHeader(messageBytes);
    }

    /** Called by Jetty's parser at every frame's first byte. */
    @Override
    protected void checkFirstByte(byte firstByte) {
        super.checkFirstByte(firstByte);
        opcode = OpCode.getOpCode(firstByte);
        isUnchecked = true;
        if (OpCode.isDataFrame(opcode)) {
            if (opcode != OpCode.CONTINUATION || !isMessageOpen) {
                messageBytes = 0; // a new message (or a stray continuation, which the session fails with 1002)
            }
            isMessageOpen = (firstByte & 0x80) == 0;
        }
    }

    /**
     * Called by Jetty's parser when payload bytes of a frame are at hand, first with the frame's declared length
     * (then, for a frame it hands on in parts, with what is left of it).
     */
    @Override
    protected void checkFrameSize(byte frameOpcode, int payloadLength) {
        super.checkFrameSize(frameOpcode, payloadLength);
        if (isUnchecked) {
            isUnchecked = false;
            if (OpCode.isDataFrame(frameOpcode)) {
                if (messageBytes + payloadLength > limit.messageSizeLimit()) {
                    throw new MessageTooLargeException("Message over " + limit.messageSizeLimit() + " bytes");
                }
                messageBytes += payloadLength;
            }
        }
    }
}
