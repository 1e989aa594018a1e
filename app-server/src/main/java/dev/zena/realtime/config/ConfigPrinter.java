package dev.zena.realtime.config;

import java.util.stream.Collectors;

/** Renders the effective configuration for {@code config print}; secrets appear only as {@code ****}. */
public final class ConfigPrinter {

    private ConfigPrinter() {}

    /** Called by {@code config print}: one {@code key = value  (origin)} line per setting. */
    public static String text(ConfigSource source) {
        return source.values().stream()
                .map(v -> v.setting().key() + " = " + v.display() + "  ("
                        + v.origin().label() + ")")
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /** Called by {@code config print --yaml}: a YAML document, origins as comments, unset keys commented out. */
    public static String yaml(ConfigSource source) {
        return source.values().stream().map(ConfigPrinter::yamlLine).collect(Collectors.joining("\n", "", "\n"));
    }

    private static String yamlLine(EffectiveValue v) {
        String key = v.setting().key();
        if (!v.isSet()) {
            return "# " + key + ":  # unset";
        }
        return key + ": " + YamlText.scalar(v.display()) + "  # " + v.origin().label();
    }
}
