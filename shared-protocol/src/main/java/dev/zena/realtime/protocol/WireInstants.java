package dev.zena.realtime.protocol;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

/**
 * Instants on the wire: {@code 2026-11-25T10:30:00.123Z}. Every message carries one, so the common case (years 0 to
 * 9999) is formatted by hand instead of through {@link DateTimeFormatter}.
 */
final class WireInstants {

    private static final long SECONDS_PER_DAY = 86_400;
    /** Slow path for years outside 0..9999; prints exactly three fraction digits, truncating. */
    private static final DateTimeFormatter WIDE_YEARS =
            new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

    private WireInstants() {}

    static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        long epochDay = Math.floorDiv(seconds, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            return WIDE_YEARS.format(instant);
        }
        char[] out = new char[24];
        digits(out, 0, year, 4);
        out[4] = '-';
        digits(out, 5, date.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, date.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, secondOfDay / 3600, 2);
        out[13] = ':';
        digits(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        digits(out, 17, secondOfDay % 60, 2);
        out[19] = '.';
        digits(out, 20, instant.getNano() / 1_000_000, 3);
        out[23] = 'Z';
        return new String(out);
    }

    static Instant parse(String text) {
        return Instant.parse(text);
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
