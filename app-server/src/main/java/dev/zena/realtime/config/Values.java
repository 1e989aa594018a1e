package dev.zena.realtime.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** Typed reads of a {@link ConfigSource}; each failure names the setting and its environment variable. */
final class Values {

    private final ConfigSource source;

    Values(ConfigSource source) {
        this.source = source;
    }

    /** Raw text, or null when unset or blank. */
    String optional(Setting s) {
        String value = source.get(s).value();
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Text that must be present. */
    String required(Setting s) throws ConfigException {
        String value = optional(s);
        if (value == null) {
            throw ConfigException.of(s, "must not be empty");
        }
        return value;
    }

    /** A whole number within {@code min..max}. */
    long number(Setting s, long min, long max) throws ConfigException {
        String text = required(s);
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ConfigException.of(s, "must be a whole number, got '" + text + "'");
        }
        if (value < min || value > max) {
            throw ConfigException.of(s, problem(value, min, max) + ", got " + value);
        }
        return value;
    }

    /** A number greater than zero that fits an int (limits, counts). */
    int positive(Setting s) throws ConfigException {
        return (int) number(s, 1, Integer.MAX_VALUE);
    }

    /** {@code true} or {@code false} (also yes/no, on/off), any case. */
    boolean flag(Setting s) throws ConfigException {
        String text = required(s);
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw ConfigException.of(s, "must be true or false, got '" + text + "'");
        };
    }

    /** A duration in the {@link Durations} syntax. */
    Duration duration(Setting s) throws ConfigException {
        try {
            return Durations.parse(required(s));
        } catch (IllegalArgumentException e) {
            throw ConfigException.of(s, e.getMessage());
        }
    }

    /** A duration greater than zero. */
    Duration positiveDuration(Setting s) throws ConfigException {
        // A negative one is refused like zero (rather than as malformed), as every other limit is.
        Duration d = required(s).startsWith("-") ? Duration.ZERO : duration(s);
        if (d.isZero()) {
            throw ConfigException.of(s, "must be greater than 0");
        }
        return d;
    }

    /** Comma-separated items, trimmed, empty items dropped. */
    List<String> list(Setting s) {
        String text = optional(s);
        return text == null
                ? List.of()
                : Arrays.stream(text.split(","))
                        .map(String::strip)
                        .filter(item -> !item.isEmpty())
                        .toList();
    }

    /** PEM text given inline or as the path of a file holding it, without surrounding blank space; null when unset. */
    String pem(Setting s) throws ConfigException {
        String value = optional(s);
        if (value == null || value.startsWith("-----BEGIN")) {
            return value;
        }
        try {
            return Files.readString(Path.of(value)).strip();
        } catch (IOException | InvalidPathException e) {
            // A secret that is neither a path nor PEM may be a mangled key: never echo it.
            throw ConfigException.of(
                    s,
                    "neither PEM text nor a readable PEM file" + (s.isSecret() ? "" : ": " + value + " (" + e + ")"));
        }
    }

    private static String problem(long value, long min, long max) {
        if (max < Integer.MAX_VALUE) {
            return "must be between " + min + " and " + max;
        }
        if (value < min) {
            return min == 1 ? "must be greater than 0" : "must be at least " + min;
        }
        return "must be at most " + max;
    }
}
