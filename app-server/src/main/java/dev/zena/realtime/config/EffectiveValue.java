package dev.zena.realtime.config;

/**
 * One setting's effective value text and where it came from; listed by {@link ConfigSource} for
 * {@code config print}. {@code value} is null when the setting is unset.
 */
public record EffectiveValue(Setting setting, String value, Origin origin) {

    /**
     * The text to show a person: {@code ****} for a set secret, empty when unset, first line of a PEM text, and a
     * password written inside a URL ({@code db: jdbc:postgresql://…?password=…}) masked.
     */
    public String display() {
        if (value == null) {
            return "";
        }
        if (setting.isSecret()) {
            return "****";
        }
        int newline = value.indexOf('\n');
        return UrlPasswords.mask(
                newline < 0 ? value : value.substring(0, newline).strip() + " …");
    }

    /** True when the setting has a value (from any origin). */
    public boolean isSet() {
        return value != null;
    }

    /** Masks secrets so that logging this record never prints one. */
    @Override
    public String toString() {
        return setting.key() + "=" + display() + " (" + origin.label() + ")";
    }
}
