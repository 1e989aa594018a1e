package dev.zena.realtime.log;

import java.util.List;

/**
 * A client-supplied value made safe for a {@code key=value} log line (SPEC §6: no client can forge or flood log
 * lines). Control characters (C0, DEL, C1, the Unicode line and paragraph separators) and the backslash are
 * escaped ({@code \n}, {@code \x00}, {@code \u2028}); a value with a space, a quote or an {@code =} is quoted so
 * that it cannot pose as a field of its own; a value over {@link #MAX_CHARS} characters keeps its start and says
 * its original length ({@code "abc…"(+9,900 chars of 10,000)}). Called on whichever thread logs; allocation-free
 * for a short value that needs nothing.
 */
public final class LogText {

    /** The longest part of a client value that reaches a log line. */
    public static final int MAX_CHARS = 100;
    /** How many names a list shows before it says only how many more there are. */
    public static final int MAX_NAMES = 3;

    private LogText() {}

    /** Called for every client-supplied value put on a log line; {@code null} stays {@code null}. */
    public static String of(String value) {
        if (value == null) {
            return null;
        }
        if (isPlain(value)) {
            return value;
        }
        int shown = Math.min(value.length(), MAX_CHARS);
        StringBuilder out = new StringBuilder(shown + 16);
        boolean isQuoted = needsQuotes(value, shown);
        if (isQuoted) {
            out.append('"');
        }
        for (int i = 0; i < shown; i++) {
            escape(value.charAt(i), isQuoted, out);
        }
        if (isQuoted) {
            out.append('"');
        }
        if (value.length() > shown) {
            out.append("…(").append(value.length()).append(" chars)");
        }
        return out.toString();
    }

    /**
     * Called for a list of client-supplied names (channels of one message): the first {@link #MAX_NAMES}, each
     * through {@link #of}, and how many were left out, so one message never logs more than a few names.
     */
    public static String names(List<String> values) {
        StringBuilder out = new StringBuilder("[");
        int shown = Math.min(values.size(), MAX_NAMES);
        for (int i = 0; i < shown; i++) {
            out.append(i == 0 ? "" : ",").append(of(values.get(i)));
        }
        if (values.size() > shown) {
            out.append(",…+").append(values.size() - shown);
        }
        return out.append(']').toString();
    }

    private static boolean isPlain(String value) {
        if (value.isEmpty() || value.length() > MAX_CHARS) {
            return false; // an empty value is shown as "", a long one is cut
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' '
                    || c == '"'
                    || c == '='
                    || c == '\\'
                    || c >= 0x7F && (c <= 0x9F || c == 0x2028 || c == 0x2029)) {
                return false;
            }
        }
        return true;
    }

    private static boolean needsQuotes(String value, int shown) {
        if (shown == 0) {
            return true;
        }
        for (int i = 0; i < shown; i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '"' || c == '=') {
                return true;
            }
        }
        return false;
    }

    /** Appends one character, escaped when it is a control character, a backslash, or a quote inside quotes. */
    static void escape(char c, boolean isQuoted, StringBuilder out) {
        switch (c) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case '\\' -> out.append("\\\\");
            case '"' -> out.append(isQuoted ? "\\\"" : "\"");
            default -> {
                if (c < 0x20 || c >= 0x7F && c <= 0x9F) {
                    out.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
                } else if (c == 0x2028 || c == 0x2029) {
                    out.append("\\u").append(Integer.toHexString(c));
                } else {
                    out.append(c);
                }
            }
        }
    }
}
