package dev.zena.realtime.config;

/** The server-to-server key; both null when the publish and sync API are disabled. */
public record PublishConfig(String key, String secret) {

    /** True when both key and secret are configured. */
    public boolean isEnabled() {
        return key != null && !key.isBlank() && secret != null && !secret.isBlank();
    }

    /** Masks the secret, so that logging a configuration never leaks it. */
    @Override
    public String toString() {
        return "PublishConfig[key=" + key + ", secret=" + ServerConfig.mask(secret) + "]";
    }
}
