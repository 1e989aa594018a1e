package dev.zena.realtime.log;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %safeMsg} in the logback patterns: the formatted message with its line breaks and other control
 * characters escaped, so that no log line, ours or a library's, can end early and forge the next one. Values
 * the product logs already went through {@link LogText}; this is the backstop. The stack trace of an exception
 * is written after the message by logback's own converter, unchanged. Called by logback on the logging thread.
 */
public final class SafeMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        String message = super.convert(event);
        if (message == null) {
            return null;
        }
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c < 0x20 || c >= 0x7F && c <= 0x9F || c == 0x2028 || c == 0x2029) {
                return escapeFrom(message, i);
            }
        }
        return message;
    }

    private static String escapeFrom(String message, int first) {
        StringBuilder out = new StringBuilder(message.length() + 16).append(message, 0, first);
        for (int i = first; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c < 0x20 || c >= 0x7F && c <= 0x9F || c == 0x2028 || c == 0x2029) {
                LogText.escape(c, false, out);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
