package dev.zena.realtime.transport;

import java.nio.charset.StandardCharsets;

/** UTF-8 sizes of texts, cheap for the common all-ASCII case. */
final class Utf8 {

    private Utf8() {
    }

    /** The number of bytes {@code text} takes in UTF-8. */
    static int length(String text) {
        int chars = text.length();
        for (int i = 0; i < chars; i++) {
            if (text.charAt(i) >= 0x80) {
                return text.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return chars;
    }
}
