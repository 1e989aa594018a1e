package dev.zena.realtime.protocol;

import java.time.Instant;
import java.util.Objects;

/**
 * A message that cannot be accepted because of its shape; thrown by {@link WireCodec} when decoding and turned by
 * transport into exactly one {@code error} reply with {@link #toReply(Instant)}. The message is short and safe to send
 * to the client. It carries no stack trace: it is an expected outcome of bad input, not a bug, and abusive clients can
 * make it frequent.
 */
public final class ProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final transient MessageId id;

    /** Creates the exception; {@code id} is the client's message id to echo, or null when there is none to trust. */
    public ProtocolException(ErrorCode code, String message, MessageId id) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.code = Objects.requireNonNull(code, "code");
        this.id = id;
    }

    /** The error code the reply carries. */
    public ErrorCode code() {
        return code;
    }

    /** The client's message id to echo in the reply, or null. */
    public MessageId id() {
        return id;
    }

    /** The wire form of this error; called by transport when it answers the bad message. */
    public ErrorReply toReply(Instant timestamp) {
        return new ErrorReply(id, code, getMessage(), timestamp);
    }
}
