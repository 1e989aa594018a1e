package dev.zena.realtime.protocol;

import java.util.Objects;

/**
 * The optional {@code id} of a client message, echoed in the reply with the same JSON type; built by the codec when
 * decoding and by clients when they want to correlate replies.
 */
public sealed interface MessageId permits MessageId.Text, MessageId.Numeric {

    /** Longest string id accepted, in Unicode code points (SPEC §3: "at most 64 characters"). */
    int MAX_TEXT_LENGTH = 64;

    /** Builds a string id; used by clients that correlate replies with their own string ids. */
    static MessageId text(String value) {
        return new Text(value);
    }

    /** Builds a numeric id from an integer; used by clients that number their messages. */
    static MessageId number(long value) {
        return new Numeric(Long.toString(value));
    }

    /** True when {@code value} may be a string id (at most {@value #MAX_TEXT_LENGTH} code points); used by the decoder. */
    static boolean isValidText(String value) {
        int length = value.length();
        if (length <= MAX_TEXT_LENGTH) {
            return true;
        }
        // A code point takes at most two chars, so anything longer than twice the limit is too long.
        return length <= 2 * MAX_TEXT_LENGTH && value.codePointCount(0, length) <= MAX_TEXT_LENGTH;
    }

    /** A JSON string id; echoed as a JSON string. */
    record Text(String value) implements MessageId {
        /** Checks the length limit so an over-long id can never be echoed. */
        public Text {
            Objects.requireNonNull(value, "value");
            if (!isValidText(value)) {
                throw new IllegalArgumentException("id longer than " + MAX_TEXT_LENGTH + " characters");
            }
        }
    }

    /**
     * A JSON number id kept as its raw literal ({@code 7}, {@code -1.50}, {@code 1e3}) so the reply echoes it exactly,
     * without any rounding or reformatting.
     */
    record Numeric(String literal) implements MessageId {
        /** Checks the literal is a JSON number so encoding can write it raw. */
        public Numeric {
            Objects.requireNonNull(literal, "literal");
            if (!JsonNumberLiteral.isValid(literal)) {
                throw new IllegalArgumentException("not a JSON number literal");
            }
        }
    }
}
