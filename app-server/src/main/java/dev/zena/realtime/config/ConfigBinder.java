package dev.zena.realtime.config;

import static dev.zena.realtime.config.Settings.*;

import java.time.Duration;
import java.util.Locale;

/** Turns the effective value texts into the typed {@link ServerConfig}, validating every value on the way. */
final class ConfigBinder {

    private ConfigBinder() {}

    /** Called by the loader once the sources are layered. */
    static ServerConfig bind(ConfigSource source) throws ConfigException {
        Values v = new Values(source);
        return new ServerConfig(
                v.required(HOST),
                (int) v.number(PORT, 0, 65_535),
                v.positive(WORKERS),
                (int) v.number(HTTP_THREADS, 8, 10_000),
                (int) v.number(ACCEPT_QUEUE, 1, 65_535),
                v.required(DB),
                new DbCredentials(v.optional(DB_USER), v.optional(DB_PASSWORD)),
                jwt(v),
                v.positiveDuration(AUTH_DEADLINE),
                heartbeat(v),
                limits(v),
                ChannelRules.bind(v),
                NetworkRules.trustedProxies(v),
                NetworkRules.allowedOrigins(v),
                new PublishConfig(v.optional(PUBLISH_KEY), v.optional(PUBLISH_SECRET)),
                v.optional(METRICS_TOKEN),
                v.duration(DRAIN_TIMEOUT),
                v.positive(METRICS_TENANT_TAGS),
                new HistoryConfig(
                        (int) v.number(HISTORY_SIZE, 0, 100_000),
                        v.positiveDuration(HISTORY_TTL),
                        v.positive(HISTORY_RECOVER_MAX)),
                new PresenceConfig(v.positive(PRESENCE_MAX_USERS), v.duration(PRESENCE_LEAVE_GRACE)),
                cluster(v),
                NetworkRules.cors(v),
                v.flag(DEBUG_PAGE),
                LaravelRules.bind(v));
    }

    private static ClusterConfig cluster(Values v) throws ConfigException {
        String kind = v.required(BROKER).toLowerCase(Locale.ROOT);
        ClusterConfig.Kind broker = switch (kind) {
            case "memory" -> ClusterConfig.Kind.MEMORY;
            case "redis" -> ClusterConfig.Kind.REDIS;
            default -> throw ConfigException.of(BROKER, "must be memory or redis, got '" + v.optional(BROKER) + "'");
        };
        String url = v.optional(REDIS_URL);
        if (broker == ClusterConfig.Kind.REDIS && (url == null || url.isBlank())) {
            throw ConfigException.of(REDIS_URL, "is required with broker: redis (redis://host:6379/0)");
        }
        if (url != null && !url.isBlank() && !url.startsWith("redis://") && !url.startsWith("rediss://")) {
            throw ConfigException.of(REDIS_URL, "must start with redis:// or rediss://");
        }
        String prefix = v.optional(REDIS_PREFIX);
        if (prefix == null || prefix.isBlank()) {
            throw ConfigException.of(
                    REDIS_PREFIX,
                    "must not be empty: every key of the product starts with it, "
                            + "so that deployments sharing a Redis never see each other");
        }
        if (!prefix.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw ConfigException.of(REDIS_PREFIX, "must be 1..64 of A-Z a-z 0-9 _ . - (no braces, no spaces)");
        }
        String node = v.optional(NODE_ID);
        if (node != null && !node.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw ConfigException.of(NODE_ID, "must be 1..64 of A-Z a-z 0-9 _ . -");
        }
        return new ClusterConfig(broker, url == null || url.isBlank() ? null : url, prefix, node);
    }

    private static JwtConfig jwt(Values v) throws ConfigException {
        String algorithm = v.required(JWT_ALGORITHM).toUpperCase(Locale.ROOT);
        if (!algorithm.equals(JwtConfig.HS256) && !algorithm.equals(JwtConfig.RS256)) {
            throw ConfigException.of(JWT_ALGORITHM, "must be HS256 or RS256, got '" + v.optional(JWT_ALGORITHM) + "'");
        }
        return new JwtConfig(
                algorithm,
                v.optional(JWT_SECRET),
                v.pem(JWT_PUBLIC_KEY),
                v.pem(JWT_PRIVATE_KEY),
                v.optional(JWT_ISSUER),
                v.optional(JWT_AUDIENCE),
                v.duration(JWT_LEEWAY));
    }

    private static HeartbeatConfig heartbeat(Values v) throws ConfigException {
        Duration interval = v.positiveDuration(HEARTBEAT_INTERVAL);
        Duration timeout = v.positiveDuration(HEARTBEAT_TIMEOUT);
        if (timeout.compareTo(interval) <= 0) {
            throw ConfigException.of(
                    HEARTBEAT_TIMEOUT,
                    "must be greater than heartbeat.interval (" + Durations.format(timeout) + " ≤ "
                            + Durations.format(interval) + ")");
        }
        return new HeartbeatConfig(interval, timeout);
    }

    private static LimitsConfig limits(Values v) throws ConfigException {
        return new LimitsConfig(
                v.positive(MESSAGES_PER_CONNECTION),
                v.positive(MESSAGES_PER_TENANT),
                v.positive(CONNECTIONS_PER_TENANT),
                v.positive(CONNECTIONS_PER_USER),
                v.positive(CONNECTIONS_PER_IP),
                v.positive(HANDSHAKES_PER_IP),
                v.positive(CHANNELS_PER_CONNECTION),
                v.positive(MESSAGE_SIZE),
                v.number(SEND_QUEUE_BYTES, 1, Long.MAX_VALUE),
                v.positive(REST_PER_USER),
                v.positive(PUBLISH_PER_KEY),
                v.positiveDuration(HEADER_TIMEOUT),
                v.positive(ADMIN_FEEDS_PER_USER));
    }
}
