package dev.zena.realtime.config;

import java.util.List;

/**
 * What a Laravel application needs of the server (SPEC §12): the Pusher app it talks to ({@code pusher.app_id},
 * {@code pusher.key}, {@code pusher.secret}; all three or the Pusher endpoints answer 503), the Redis its
 * {@code redis} broadcaster publishes on ({@code laravel.redis.url}, null = no listener; {@code laravel.redis.prefix})
 * and the ordered mapping from Laravel channel names to channels ({@code laravel.channels}).
 */
public record LaravelConfig(
        String appId, String key, String secret, String redisUrl, String redisPrefix, List<Rule> channels) {

    public LaravelConfig {
        channels = List.copyOf(channels);
    }

    /**
     * One mapping rule: a Laravel channel name pattern ({@code private-project.{project_id}}) and the channel
     * pattern of SPEC §4.1 it maps to ({@code project.{project_id}}). Placeholders are {@code {tenant_id}},
     * {@code {user_id}}, {@code {project_id}} and {@code {task_id}}.
     */
    public record Rule(String laravel, String channel) {

        @Override
        public String toString() {
            return laravel + "=" + channel;
        }
    }

    /** True when app id, key and secret are all configured: the Pusher endpoints are served. */
    public boolean isPusherEnabled() {
        return appId != null
                && !appId.isBlank()
                && key != null
                && !key.isBlank()
                && secret != null
                && !secret.isBlank();
    }

    /** True when the Laravel {@code redis} broadcaster's messages are listened to. */
    public boolean isRedisListenerEnabled() {
        return redisUrl != null;
    }

    /** Masks the secret and the password a Redis URL may carry. */
    @Override
    public String toString() {
        return "LaravelConfig[appId=" + appId + ", key=" + key + ", secret=" + ServerConfig.mask(secret)
                + ", redisUrl=" + UrlPasswords.mask(redisUrl) + ", redisPrefix=" + redisPrefix + ", channels="
                + channels + "]";
    }
}
