package dev.zena.realtime.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The duration syntax of the configuration and the command line: a number of seconds ({@code 30}, {@code 0.5})
 * or a number with a unit suffix {@code ms}, {@code s}, {@code m} or {@code h} ({@code 500ms}, {@code 1h}).
 */
public final class Durations {

    private static final Pattern SYNTAX = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    private Durations() {}

    /** Called to read a duration setting or flag ({@code --ttl 1h}); throws IllegalArgumentException if malformed. */
    public static Duration parse(String text) {
        Matcher m = SYNTAX.matcher(text == null ? "" : text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "not a duration: '" + text + "' (use seconds like 30 or 0.5, or a unit: 500ms, 10s, 5m, 1h)");
        }
        BigDecimal nanosPerUnit = BigDecimal.valueOf(
                switch (m.group(2) == null ? "s" : m.group(2)) {
                    case "ms" -> 1_000_000L;
                    case "m" -> 60_000_000_000L;
                    case "h" -> 3_600_000_000_000L;
                    default -> 1_000_000_000L;
                });
        try {
            return Duration.ofNanos(
                    new BigDecimal(m.group(1)).multiply(nanosPerUnit).longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("duration out of range or finer than a nanosecond: '" + text + "'", e);
        }
    }

    /** Called to show a duration in the configuration syntax: whole seconds as {@code 30s}, else {@code 500ms}. */
    public static String format(Duration d) {
        if (d.toNanosPart() % 1_000_000 != 0) {
            return new BigDecimal(d.toNanos())
                    .movePointLeft(9)
                    .stripTrailingZeros()
                    .toPlainString();
        }
        return d.toMillisPart() == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
