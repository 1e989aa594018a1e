package dev.zena.realtime.config;

/**
 * A configuration the server cannot start with; thrown at load time (and by
 * {@link ConfigLoader#requireVerificationKey}) with a message that starts with the bad setting's path and
 * environment name, e.g. {@code heartbeat.timeout (WEBSOCKET_HEARTBEAT_TIMEOUT): must be greater than ...}.
 */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String key;

    /** Called for a problem that is not about one setting (an unreadable file); {@link #key()} is then null. */
    public ConfigException(String message) {
        this(null, message, null);
    }

    private ConfigException(String key, String message, Throwable cause) {
        super(message, cause);
        this.key = key;
    }

    /** Called when {@code setting} has a bad value; the message becomes {@code key (ENV): problem}. */
    public static ConfigException of(Setting setting, String problem) {
        return new ConfigException(setting.key(), setting.label() + ": " + problem, null);
    }

    /** Called for a problem with a key that may not be a setting (unknown, or set twice in the file). */
    static ConfigException ofKey(String key, String problem) {
        return new ConfigException(key, key + ": " + problem, null);
    }

    /** Called when a file cannot be read or parsed. */
    static ConfigException ofFile(String message, Throwable cause) {
        return new ConfigException(null, message, cause);
    }

    /** The flat key of the bad setting ({@code heartbeat.timeout}), or null when the problem is not one key's. */
    public String key() {
        return key;
    }
}
