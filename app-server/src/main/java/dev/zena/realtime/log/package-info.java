/**
 * How a value a client chose reaches a log line: {@link dev.zena.realtime.log.LogText} escapes its control
 * characters, quotes it when it could be read as another {@code key=value} field, and truncates it; and
 * {@link dev.zena.realtime.log.SafeMessageConverter}, the {@code %safeMsg} of the logback patterns, escapes
 * line breaks and control characters of whole messages as a backstop for libraries' own log lines. A leaf:
 * imports nothing of the product.
 */
package dev.zena.realtime.log;
