package dev.zena.realtime.config;

import java.util.Locale;
import java.util.Objects;

/**
 * One configuration key as documented: read by the loader to know which keys exist, by {@link ConfigDocs} to
 * write the reference table and by {@link ConfigPrinter} to know what to mask.
 *
 * @param key          flat dotted key, as written in the YAML file ({@code heartbeat.interval})
 * @param defaultValue default value text as the file would spell it; null when the setting has no default
 * @param unit         what the number means ({@code duration}, {@code bytes}, {@code per second}); empty if none
 * @param description  one sentence for the docs
 * @param isSecret     true when the value must never be printed
 */
public record Setting(String key, String defaultValue, String unit, String description, boolean isSecret) {

    /** The prefix of every environment variable the server reads. */
    public static final String ENV_PREFIX = "WEBSOCKET_";

    public Setting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(description, "description");
    }

    /** A plain setting; called while building {@link Settings#ALL}. */
    static Setting of(String key, String defaultValue, String unit, String description) {
        return new Setting(key, defaultValue, unit, description, false);
    }

    /** A secret setting without default; called while building {@link Settings#ALL}. */
    static Setting secret(String key, String description) {
        return new Setting(key, null, "", description, true);
    }

    /** The environment variable that sets this key: {@code heartbeat.interval} → {@code WEBSOCKET_HEARTBEAT_INTERVAL}. */
    public String envName() {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /** The {@code key (ENV_NAME)} label that starts every error message about this setting. */
    public String label() {
        return key + " (" + envName() + ")";
    }
}
