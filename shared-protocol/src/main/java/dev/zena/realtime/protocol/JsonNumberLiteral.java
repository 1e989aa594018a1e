package dev.zena.realtime.protocol;

/** Checks the JSON number grammar (RFC 8259 §6), because numeric ids are written to the wire verbatim. */
final class JsonNumberLiteral {

    private JsonNumberLiteral() {}

    /** True when {@code s} is exactly one JSON number: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}. */
    static boolean isValid(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && s.charAt(i) == '-') {
            i++;
        }
        if (i >= n) {
            return false;
        }
        if (s.charAt(i) == '0') {
            i++;
        } else if (isDigit(s.charAt(i))) {
            i = skipDigits(s, i);
        } else {
            return false;
        }
        if (i < n && s.charAt(i) == '.') {
            int start = ++i;
            i = skipDigits(s, i);
            if (i == start) {
                return false;
            }
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int start = i;
            i = skipDigits(s, i);
            if (i == start) {
                return false;
            }
        }
        return i == n;
    }

    private static int skipDigits(String s, int i) {
        while (i < s.length() && isDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
