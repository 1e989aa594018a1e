package dev.zena.realtime.config;

import java.util.Locale;

/** Where an effective value came from, in increasing precedence; shown by {@code config print}. */
public enum Origin {
    DEFAULT,
    FILE,
    ENV,
    FLAG;

    /** The lower-case word printed beside a value ({@code default}, {@code file}, {@code env}, {@code flag}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
