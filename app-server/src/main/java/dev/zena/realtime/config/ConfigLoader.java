package dev.zena.realtime.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Builds the {@link ServerConfig} every subcommand runs with: defaults &lt; YAML file &lt; {@code WEBSOCKET_*}
 * environment &lt; flags, validated with the path of the bad setting. Loading never requires a JWT key;
 * {@code serve} and {@code config check} add {@link #requireVerificationKey}.
 */
public final class ConfigLoader {

    private ConfigLoader() {}

    /**
     * Called once at start-up by every subcommand.
     *
     * @param fileOrNull the {@code --config} file, or null
     * @param env        the environment ({@code System.getenv()}); unknown {@code WEBSOCKET_*} names are ignored
     * @param flags      command-line values by setting key ({@code "port" -> "9000"}); unknown keys are errors
     */
    public static ServerConfig load(Path fileOrNull, Map<String, String> env, Map<String, String> flags)
            throws ConfigException {
        return bind(effective(fileOrNull, env, flags));
    }

    /** Called by {@code config print}: the effective value texts with their origins, not yet validated. */
    public static ConfigSource effective(Path fileOrNull, Map<String, String> env, Map<String, String> flags)
            throws ConfigException {
        return ConfigSource.resolve(fileOrNull, env, flags, Runtime.getRuntime().availableProcessors());
    }

    /** Called after {@link #effective} when the caller wants both the origins and the typed, validated config. */
    public static ServerConfig bind(ConfigSource source) throws ConfigException {
        return ConfigBinder.bind(source);
    }

    /** Called by tests and tools that need the configuration with every setting at its default. */
    public static ServerConfig defaults() {
        try {
            return load(null, Map.of(), Map.of());
        } catch (ConfigException e) {
            throw new IllegalStateException("the built-in defaults are invalid: " + e.getMessage(), e);
        }
    }

    /**
     * Called by {@code serve} (except {@code --demo}, which makes its own secret) and {@code config check}:
     * fails unless the configured algorithm has a usable verification key.
     */
    public static void requireVerificationKey(ServerConfig config) throws ConfigException {
        JwtConfig jwt = config.jwt();
        if (JwtConfig.RS256.equals(jwt.algorithm())) {
            PublicKeys.requireRsa(jwt.publicKey());
            return;
        }
        int bytes = jwt.secret() == null ? 0 : jwt.secret().getBytes(StandardCharsets.UTF_8).length;
        if (bytes < 32) {
            throw ConfigException.of(
                    Settings.JWT_SECRET,
                    "serve needs a secret of at least 32 bytes"
                            + (bytes == 0 ? " and none is set" : ", this one has " + bytes)
                            + "; set " + Settings.JWT_SECRET.envName()
                            + " (e.g. to the output of `openssl rand -hex 32`)"
                            + " or jwt.secret in the config file, or use RS256 with jwt.public_key");
        }
    }
}
