package dev.zena.realtime.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} command-line options with defaults; every option used is echoed into the report. */
public final class Options {

    private final Map<String, String> given = new LinkedHashMap<>();
    private final Map<String, String> used = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();

    /** Parses {@code --name value} pairs; anything else is positional. */
    public static Options parse(String[] args, int from) {
        Options o = new Options();
        for (int i = from; i < args.length; i++) {
            if (args[i].startsWith("--") && i + 1 < args.length) {
                o.given.put(args[i].substring(2), args[++i]);
            } else {
                o.positional.add(args[i]);
            }
        }
        return o;
    }

    public String text(String name, String fallback) {
        String value = given.getOrDefault(name, fallback);
        if (value == null) {
            throw new IllegalArgumentException("missing option --" + name);
        }
        used.put(name, name.contains("secret") ? "****" : value);
        return value;
    }

    public int integer(String name, int fallback) {
        return Integer.parseInt(text(name, String.valueOf(fallback)));
    }

    public long number(String name, long fallback) {
        return Long.parseLong(text(name, String.valueOf(fallback)));
    }

    public double decimal(String name, double fallback) {
        return Double.parseDouble(text(name, String.valueOf(fallback)));
    }

    public List<String> positional() {
        return positional;
    }

    /** The options read so far with their effective values (secrets masked). */
    public Map<String, String> used() {
        return new LinkedHashMap<>(used);
    }
}
