package dev.zena.realtime.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The effective value text of every setting with its origin, before typed binding: defaults &lt; file &lt;
 * environment &lt; flags. Built by {@link ConfigLoader}; read by {@link ConfigPrinter} for {@code config print}.
 *
 * @param values one entry per setting, in the order of {@link Settings#ALL}
 */
public record ConfigSource(List<EffectiveValue> values) {

    public ConfigSource {
        values = List.copyOf(values);
    }

    /**
     * Called by the loader: layers the sources. Unknown keys in the file or in {@code flags} are errors; unknown
     * {@code WEBSOCKET_*} environment variables are ignored (other tools share the prefix).
     *
     * @param file  YAML file, or null for none
     * @param env   environment variables by name ({@code System.getenv()})
     * @param flags values from command-line options by setting key ({@code port} → {@code 9000}); null values ignored
     * @param cpus  the {@code workers} default
     */
    static ConfigSource resolve(Path file, Map<String, String> env, Map<String, String> flags, int cpus)
            throws ConfigException {
        Map<String, String> fromFile = file == null ? Map.of() : ConfigFile.read(file);
        requireKnown(fromFile, "in config file " + file);
        requireKnown(flags, "given as a flag");
        Map<String, String> defaults = Settings.defaults(cpus);
        List<EffectiveValue> values = new ArrayList<>();
        for (Setting s : Settings.ALL) {
            EffectiveValue v = new EffectiveValue(s, defaults.get(s.key()), Origin.DEFAULT);
            v = override(v, fromFile.get(s.key()), Origin.FILE);
            v = override(v, env.get(s.envName()), Origin.ENV);
            v = override(v, flags.get(s.key()), Origin.FLAG);
            values.add(v);
        }
        return new ConfigSource(values);
    }

    /** The effective value of {@code setting}; called while binding. */
    public EffectiveValue get(Setting setting) {
        return values.stream()
                .filter(v -> v.setting().equals(setting))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a setting: " + setting.key()));
    }

    /** The effective value text by flat key (null when unset), unmasked; for callers that need raw values. */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        values.forEach(v -> map.put(v.setting().key(), v.value()));
        return Collections.unmodifiableMap(map);
    }

    private static EffectiveValue override(EffectiveValue current, String value, Origin origin) {
        return value == null ? current : new EffectiveValue(current.setting(), value, origin);
    }

    private static void requireKnown(Map<String, String> given, String where) throws ConfigException {
        for (String key : given.keySet()) {
            if (Settings.find(key).isEmpty()) {
                throw ConfigException.ofKey(
                        key, "unknown setting " + where + suggestion(key) + " (see docs/configuration.md)");
            }
        }
    }

    private static String suggestion(String key) {
        return Settings.ALL.stream()
                .map(Setting::key)
                .filter(known -> EditDistance.between(known, key) <= 2)
                .findFirst()
                .map(known -> "; did you mean " + known + "?")
                .orElse("");
    }
}
