package dev.zena.realtime.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalogue of every setting: the one place where keys and defaults live. Read by the loader, the docs
 * generator and {@code config print}.
 */
public final class Settings {

    /** Default text of {@code workers}: replaced by the number of available processors when loading. */
    static final String CPUS = "CPUs";

    static final Setting HOST = Setting.of("host", "0.0.0.0", "", "Interface to bind.");
    static final Setting PORT = Setting.of("port", "8080", "", "TCP port (0 = any free port).");
    static final Setting WORKERS = Setting.of(
            "workers",
            CPUS,
            "threads",
            "Threads of the pool that processes inbound messages and fans events out; default: the number of CPUs.");
    static final Setting HTTP_THREADS = Setting.of(
            "http_threads",
            "32",
            "threads",
            "Most threads of the HTTP pool (handshakes, REST requests, socket reads and writes); each one costs a "
                    + "stack, and more only help when handlers wait on something other than the CPU.");
    static final Setting ACCEPT_QUEUE = Setting.of(
            "accept_queue",
            "1024",
            "connections",
            "Listen backlog: TCP connections the kernel holds until the server accepts them (capped by "
                    + "`net.core.somaxconn`); too small and a connection storm waits on SYN retries.");
    static final Setting DB = Setting.of(
            "db",
            "zena.db",
            "",
            "SQLite file path (relative to the working directory) or a jdbc:sqlite: URL; or a "
                    + "`jdbc:postgresql://host:port/database` URL, the store every node of a cluster shares; other "
                    + "kinds of URL are refused.");
    static final Setting DB_USER = Setting.of(
            "db.user",
            null,
            "",
            "User a jdbc:postgresql: store logs in as (wins over a `user` parameter in the URL); ignored by SQLite.");
    static final Setting DB_PASSWORD = Setting.secret(
            "db.password", "Password of `db.user` (wins over a `password` parameter in the URL); ignored by SQLite.");

    static final Setting JWT_ALGORITHM = Setting.of(
            "jwt.algorithm", JwtConfig.HS256, "", "Token signature algorithm: HS256 or RS256; no other is accepted.");
    static final Setting JWT_SECRET =
            Setting.secret("jwt.secret", "HS256 secret, at least 32 bytes; `serve` refuses to start without it.");
    static final Setting JWT_PUBLIC_KEY =
            Setting.of("jwt.public_key", null, "", "RS256 verification key: PEM text or the path of a PEM file.");
    static final Setting JWT_PRIVATE_KEY = Setting.secret(
            "jwt.private_key",
            "RS256 signing key for the `token` command and the admin API: PEM text or the path of a PEM file.");
    static final Setting JWT_ISSUER =
            Setting.of("jwt.issuer", null, "", "Required `iss` claim; not checked when unset.");
    static final Setting JWT_AUDIENCE =
            Setting.of("jwt.audience", null, "", "Required `aud` claim; not checked when unset.");
    static final Setting JWT_LEEWAY =
            Setting.of("jwt.leeway", "5s", "duration", "Clock skew tolerated when checking `exp` and `nbf`.");

    static final Setting AUTH_DEADLINE = Setting.of(
            "auth.deadline", "10s", "duration", "Time a connection has to authenticate before it is closed with 4001.");
    static final Setting HEARTBEAT_INTERVAL = Setting.of(
            "heartbeat.interval", "30s", "duration", "Interval between ping frames sent to each connection.");
    static final Setting HEARTBEAT_TIMEOUT = Setting.of(
            "heartbeat.timeout",
            "60s",
            "duration",
            "Silence after which a connection is closed with 4002; greater than the interval.");

    static final Setting MESSAGES_PER_CONNECTION =
            Setting.of("limits.messages_per_connection", "10", "per second", "Inbound frames per connection.");
    static final Setting MESSAGES_PER_TENANT = Setting.of(
            "limits.messages_per_tenant", "500", "per second", "Inbound frames of all of a tenant's connections.");
    static final Setting CONNECTIONS_PER_TENANT =
            Setting.of("limits.connections_per_tenant", "50", "connections", "Authenticated connections per tenant.");
    static final Setting CONNECTIONS_PER_USER =
            Setting.of("limits.connections_per_user", "5", "connections", "Authenticated connections per user.");
    static final Setting CONNECTIONS_PER_IP = Setting.of(
            "limits.connections_per_ip",
            "100",
            "connections",
            "Open WebSockets per client address (after trusted-proxy resolution); also, counted "
                    + "apart, open sockets not upgraded to WebSocket per peer address (trusted proxies excepted), "
                    + "the one over it closed at accept.");
    static final Setting HANDSHAKES_PER_IP =
            Setting.of("limits.handshakes_per_ip", "20", "per second", "WebSocket handshakes per client address.");
    static final Setting HEADER_TIMEOUT = Setting.of(
            "limits.header_timeout",
            "10s",
            "duration",
            "Time a socket has from its accept, and each later request from its first byte, to send its request "
                    + "headers; then it is closed. A kept-alive connection between requests is not affected.");
    static final Setting ADMIN_FEEDS_PER_USER = Setting.of(
            "limits.admin_feeds_per_user",
            "3",
            "feeds",
            "Open admin feeds (`/api/v1/admin/feed`) per user; one more is refused with 429 before the upgrade.");
    static final Setting CHANNELS_PER_CONNECTION =
            Setting.of("limits.channels_per_connection", "200", "channels", "Channels one connection may hold.");
    static final Setting MESSAGE_SIZE = Setting.of(
            "limits.message_size",
            "65536",
            "bytes",
            "Largest inbound message, its fragments counted as they arrive; the one that passes it is answered "
                    + "with `MESSAGE_TOO_LARGE` and the connection closed with 1009.");
    static final Setting SEND_QUEUE_BYTES = Setting.of(
            "limits.send_queue_bytes",
            "1048576",
            "bytes",
            "Bytes queued to one connection (a `/ws` socket or an admin feed) before it is closed with 4009 as a "
                    + "slow consumer.");
    static final Setting REST_PER_USER =
            Setting.of("limits.rest_per_user", "60", "per minute", "App API requests per user.");
    static final Setting PUBLISH_PER_KEY =
            Setting.of("limits.publish_per_key", "1000", "per second", "Publish and sync requests per server key.");

    static final Setting CHANNEL_DASHBOARD = channel("dashboard", "{user_id}");
    static final Setting CHANNEL_ALERTS = channel("alerts", "{user_id}");
    static final Setting CHANNEL_NOTIFICATIONS = channel("notifications", "{user_id}");
    static final Setting CHANNEL_METRICS = channel("metrics", "{tenant_id}");
    static final Setting CHANNEL_SYSTEM = channel("system", "{tenant_id}");
    static final Setting CHANNEL_PROJECT = channel("project", "{project_id}");
    static final Setting CHANNEL_TASK = channel("task", "{task_id}");

    static final Setting TRUSTED_PROXIES = Setting.of(
            "trusted_proxies",
            "",
            "list",
            "Comma-separated IPs or CIDRs whose `X-Forwarded-For` is believed; empty = none.");
    static final Setting ALLOWED_ORIGINS = Setting.of(
            "allowed_origins",
            "",
            "list",
            "Comma-separated browser origins allowed to open a socket (`https://app.example.com`); empty = any.");
    static final Setting CORS_ALLOWED_ORIGINS = Setting.of(
            "cors.allowed_origins",
            "",
            "list",
            "Comma-separated browser origins (`https://app.example.com`) whose pages may call the App API "
                    + "(`/api/v1/app/...`) with a Bearer token from another origin; `*` = any, only without "
                    + "`cors.allow_credentials`; empty = none (no CORS headers, preflights unanswered).");
    static final Setting CORS_ALLOW_CREDENTIALS = Setting.of(
            "cors.allow_credentials",
            "false",
            "",
            "`true` adds `Access-Control-Allow-Credentials: true` for the listed origins (cookies, HTTP "
                    + "authentication); a Bearer token does not need it. Refused with `cors.allowed_origins: *`.");
    static final Setting PUBLISH_KEY = Setting.of(
            "publish.key",
            null,
            "",
            "Server key id for the publish and sync API; the API answers 503 unless key and secret are set.");
    static final Setting PUBLISH_SECRET = Setting.secret("publish.secret", "HMAC-SHA256 secret of the server key.");
    static final Setting METRICS_TOKEN =
            Setting.secret("metrics.token", "Extra bearer token accepted by `GET /metrics`.");
    static final Setting METRICS_TENANT_TAGS = Setting.of(
            "metrics.tenant_tags",
            "20",
            "tenants",
            "Tenants given their own `tenant` tag on `/metrics` (the first seen); later ones share `other`.");
    static final Setting DRAIN_TIMEOUT =
            Setting.of("drain.timeout", "10s", "duration", "Time shutdown spends closing connections with 1001.");

    static final Setting DEBUG_PAGE = Setting.of(
            "debug_page",
            "false",
            "boolean",
            "Serve the debug page at `/debug` (SPEC §13): paste or fetch a token, subscribe, watch every frame. "
                    + "`serve --demo` turns it on.");

    /** Every setting in documentation order; an immutable constant. */
    static final Setting HISTORY_SIZE = Setting.of(
            "history.size",
            "200",
            "events",
            "Events kept per channel for recovery and the history endpoint (SPEC §9); 0 keeps none.");

    static final Setting HISTORY_TTL =
            Setting.of("history.ttl", "600s", "duration", "How long a channel's event is kept for recovery.");
    static final Setting HISTORY_RECOVER_MAX = Setting.of(
            "history.recover_max",
            "200",
            "events",
            "Most events one recovery replays; a client further behind gets `too_many` and re-reads the REST twin.");
    static final Setting PRESENCE_MAX_USERS = Setting.of(
            "presence.max_users",
            "1000",
            "users",
            "Most users a presence reply lists (its count stays exact); above it a channel announces one "
                    + "`presence_summary` per second instead of each join and leave.");
    static final Setting PRESENCE_LEAVE_GRACE = Setting.of(
            "presence.leave_grace",
            "5s",
            "duration",
            "A user whose last connection leaves a channel and comes back within this produces neither `left` nor "
                    + "`joined`.");

    static final Setting BROKER = Setting.of(
            "broker",
            "memory",
            "",
            "`memory` (one process) or `redis` (a cluster of nodes sharing a Redis and a PostgreSQL store, SPEC §11).");
    static final Setting REDIS_URL = Setting.of(
            "redis.url",
            null,
            "",
            "The cluster's Redis: `redis://[:password@]host:port/db`, or `rediss://` for TLS; required with "
                    + "`broker: redis`.");
    static final Setting REDIS_PREFIX = Setting.of(
            "redis.prefix",
            "zena",
            "",
            "Every Redis key and pub/sub channel of the product starts with `{prefix}:`, so that deployments sharing "
                    + "a Redis never see each other; never empty.");
    static final Setting NODE_ID = Setting.of(
            "node.id",
            null,
            "",
            "This node's name in the cluster (admin API, `/metrics`); generated at start when unset, and printed.");

    static final Setting PUSHER_APP_ID = Setting.of(
            "pusher.app_id",
            null,
            "",
            "Pusher app id a Laravel app sends to (`PUSHER_APP_ID`); the Pusher endpoints answer 503 unless app id, "
                    + "key and secret are set (SPEC §12).");
    static final Setting PUSHER_KEY = Setting.of(
            "pusher.key",
            null,
            "",
            "Pusher app key: signs the HTTP API calls and names the socket path `/app/{key}` (`PUSHER_APP_KEY`).");
    static final Setting PUSHER_SECRET = Setting.secret(
            "pusher.secret",
            "Pusher app secret (`PUSHER_APP_SECRET`): HMAC key of the HTTP API and of channel `auth` strings.");
    static final Setting LARAVEL_REDIS_URL = Setting.of(
            "laravel.redis.url",
            null,
            "",
            "Redis a Laravel app's `redis` broadcaster publishes on; the listener is off when unset.");
    static final Setting LARAVEL_REDIS_PREFIX = Setting.of(
            "laravel.redis.prefix",
            "laravel_database_",
            "",
            "Laravel's Redis key prefix: the listener PSUBSCRIBEs `{prefix}*` and strips it from channel names.");
    static final Setting LARAVEL_CHANNELS = Setting.of(
            "laravel.channels",
            String.join(
                    ",",
                    "private-project.{project_id}=project.{project_id}",
                    "presence-project.{project_id}=project.{project_id}",
                    "private-task.{task_id}=task.{task_id}",
                    "presence-task.{task_id}=task.{task_id}",
                    "private-tenant.{tenant_id}.user.{user_id}.notifications=notifications.{user_id}",
                    "private-user.{user_id}=notifications.{user_id}",
                    "private-App.Models.User.{user_id}=notifications.{user_id}",
                    "private-tenant.{tenant_id}=system.{tenant_id}",
                    "tenant.{tenant_id}.projects=system.{tenant_id}"),
            "list",
            "Ordered `laravel-pattern=channel-pattern` rules mapping Laravel channel names to channels; the first "
                    + "match wins, a name matching none is refused (docs/laravel.md).");

    public static final List<Setting> ALL = List.of(
            HOST,
            PORT,
            WORKERS,
            HTTP_THREADS,
            ACCEPT_QUEUE,
            DB,
            DB_USER,
            DB_PASSWORD,
            JWT_ALGORITHM,
            JWT_SECRET,
            JWT_PUBLIC_KEY,
            JWT_PRIVATE_KEY,
            JWT_ISSUER,
            JWT_AUDIENCE,
            JWT_LEEWAY,
            AUTH_DEADLINE,
            HEARTBEAT_INTERVAL,
            HEARTBEAT_TIMEOUT,
            MESSAGES_PER_CONNECTION,
            MESSAGES_PER_TENANT,
            CONNECTIONS_PER_TENANT,
            CONNECTIONS_PER_USER,
            CONNECTIONS_PER_IP,
            HANDSHAKES_PER_IP,
            HEADER_TIMEOUT,
            ADMIN_FEEDS_PER_USER,
            CHANNELS_PER_CONNECTION,
            MESSAGE_SIZE,
            SEND_QUEUE_BYTES,
            REST_PER_USER,
            PUBLISH_PER_KEY,
            CHANNEL_DASHBOARD,
            CHANNEL_ALERTS,
            CHANNEL_NOTIFICATIONS,
            CHANNEL_METRICS,
            CHANNEL_SYSTEM,
            CHANNEL_PROJECT,
            CHANNEL_TASK,
            TRUSTED_PROXIES,
            ALLOWED_ORIGINS,
            CORS_ALLOWED_ORIGINS,
            CORS_ALLOW_CREDENTIALS,
            PUBLISH_KEY,
            PUBLISH_SECRET,
            METRICS_TOKEN,
            METRICS_TENANT_TAGS,
            DRAIN_TIMEOUT,
            HISTORY_SIZE,
            HISTORY_TTL,
            HISTORY_RECOVER_MAX,
            PRESENCE_MAX_USERS,
            PRESENCE_LEAVE_GRACE,
            BROKER,
            REDIS_URL,
            REDIS_PREFIX,
            NODE_ID,
            DEBUG_PAGE,
            PUSHER_APP_ID,
            PUSHER_KEY,
            PUSHER_SECRET,
            LARAVEL_REDIS_URL,
            LARAVEL_REDIS_PREFIX,
            LARAVEL_CHANNELS);

    private Settings() {}

    /** The setting with this flat key, if there is one; called to reject unknown keys. */
    public static Optional<Setting> find(String key) {
        return ALL.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    /** Default value text per key, the {@code workers} default resolved to {@code cpus}; called when loading. */
    static Map<String, String> defaults(int cpus) {
        Map<String, String> defaults = new LinkedHashMap<>();
        for (Setting s : ALL) {
            defaults.put(s.key(), CPUS.equals(s.defaultValue()) ? Integer.toString(cpus) : s.defaultValue());
        }
        return defaults;
    }

    private static Setting channel(String name, String placeholder) {
        return Setting.of(
                "channels." + name,
                name + "." + placeholder,
                "pattern",
                "Channel name pattern; must contain `" + placeholder + "` exactly once.");
    }
}
