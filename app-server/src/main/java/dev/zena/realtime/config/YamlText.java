package dev.zena.realtime.config;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Writes a value as a YAML scalar that reads back as the same text; used by the printer and the sample file. */
final class YamlText {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9./-]*");
    private static final Set<String> RESERVED = Set.of("true", "false", "yes", "no", "on", "off", "null", "y", "n");

    private YamlText() {}

    /** Called for each value written: plain when safe, double-quoted otherwise. */
    static String scalar(String value) {
        if (PLAIN.matcher(value).matches() && !RESERVED.contains(value.toLowerCase(Locale.ROOT))) {
            return value;
        }
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
