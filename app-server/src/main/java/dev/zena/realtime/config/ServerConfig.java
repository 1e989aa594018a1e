package dev.zena.realtime.config;

import java.time.Duration;
import java.util.List;

/**
 * The effective configuration: one immutable tree, built and validated by {@link ConfigLoader} from defaults,
 * a YAML file, {@code WEBSOCKET_*} environment variables and command-line flags (later wins).
 *
 * @param host           interface to bind ({@code host})
 * @param port           TCP port, 0 for any free one ({@code port})
 * @param workers        threads of the pool that processes inbound messages and fans events out ({@code workers})
 * @param httpThreads    most threads of the HTTP pool ({@code http_threads})
 * @param acceptQueue    listen backlog of the server socket ({@code accept_queue})
 * @param db             SQLite file path, {@code jdbc:sqlite:} or {@code jdbc:postgresql:} URL ({@code db})
 * @param dbCredentials  how a database server store logs in ({@code db.user}, {@code db.password})
 * @param authDeadline   time a connection has to authenticate ({@code auth.deadline})
 * @param trustedProxies addresses whose {@code X-Forwarded-For} is believed ({@code trusted_proxies})
 * @param allowedOrigins browser origins allowed to open a socket; empty = any ({@code allowed_origins})
 * @param metricsToken   extra bearer token accepted by {@code GET /metrics}; null = none ({@code metrics.token})
 * @param drainTimeout   how long shutdown spends closing connections ({@code drain.timeout})
 * @param metricsTenantTags tenants with their own {@code tenant} tag on {@code /metrics} ({@code metrics.tenant_tags})
 * @param history        channel history and recovery ({@code history.*})
 * @param presence       presence replies and events ({@code presence.*})
 * @param cluster        the broker and the cluster this server is a node of ({@code broker}, {@code redis.*},
 *                       {@code node.id})
 * @param cors           browser origins allowed to call the App API ({@code cors.*})
 * @param isDebugPage    whether {@code /debug} serves the debug page ({@code debug_page})
 * @param laravel        what a Laravel app and Echo clients use (SPEC §12: {@code pusher.*}, {@code laravel.*})
 */
public record ServerConfig(
        String host,
        int port,
        int workers,
        int httpThreads,
        int acceptQueue,
        String db,
        DbCredentials dbCredentials,
        JwtConfig jwt,
        Duration authDeadline,
        HeartbeatConfig heartbeat,
        LimitsConfig limits,
        ChannelsConfig channels,
        List<String> trustedProxies,
        List<String> allowedOrigins,
        PublishConfig publish,
        String metricsToken,
        Duration drainTimeout,
        int metricsTenantTags,
        HistoryConfig history,
        PresenceConfig presence,
        ClusterConfig cluster,
        CorsConfig cors,
        boolean isDebugPage,
        LaravelConfig laravel) {

    public ServerConfig {
        trustedProxies = List.copyOf(trustedProxies);
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** Every setting at its default (no JWT key); called by tests and tools that need a configuration. */
    public static ServerConfig defaults() {
        return ConfigLoader.defaults();
    }

    /** This configuration bound to another host and port (used by tests and {@code --demo}). */
    public ServerConfig withAddress(String newHost, int newPort) {
        return new ServerConfig(
                newHost,
                newPort,
                workers,
                httpThreads,
                acceptQueue,
                db,
                dbCredentials,
                jwt,
                authDeadline,
                heartbeat,
                limits,
                channels,
                trustedProxies,
                allowedOrigins,
                publish,
                metricsToken,
                drainTimeout,
                metricsTenantTags,
                history,
                presence,
                cluster,
                cors,
                isDebugPage,
                laravel);
    }

    /** This configuration with other token settings. */
    public ServerConfig withJwt(JwtConfig newJwt) {
        return new ServerConfig(
                host,
                port,
                workers,
                httpThreads,
                acceptQueue,
                db,
                dbCredentials,
                newJwt,
                authDeadline,
                heartbeat,
                limits,
                channels,
                trustedProxies,
                allowedOrigins,
                publish,
                metricsToken,
                drainTimeout,
                metricsTenantTags,
                history,
                presence,
                cluster,
                cors,
                isDebugPage,
                laravel);
    }

    /** This configuration with another server-to-server key (used by {@code --demo}). */
    public ServerConfig withPublish(PublishConfig newPublish) {
        return new ServerConfig(
                host,
                port,
                workers,
                httpThreads,
                acceptQueue,
                db,
                dbCredentials,
                jwt,
                authDeadline,
                heartbeat,
                limits,
                channels,
                trustedProxies,
                allowedOrigins,
                newPublish,
                metricsToken,
                drainTimeout,
                metricsTenantTags,
                history,
                presence,
                cluster,
                cors,
                isDebugPage,
                laravel);
    }

    /**
     * Masks {@code metricsToken} (and, through {@link DbCredentials}, {@link JwtConfig} and {@link PublishConfig},
     * every secret) for logs.
     */
    @Override
    public String toString() {
        return "ServerConfig[host=" + host + ", port=" + port + ", workers=" + workers + ", httpThreads=" + httpThreads
                + ", acceptQueue=" + acceptQueue + ", db=" + UrlPasswords.mask(db) + ", dbCredentials=" + dbCredentials
                + ", jwt=" + jwt
                + ", authDeadline=" + authDeadline + ", heartbeat=" + heartbeat + ", limits=" + limits
                + ", channels=" + channels + ", trustedProxies=" + trustedProxies + ", allowedOrigins="
                + allowedOrigins + ", publish=" + publish + ", metricsToken=" + mask(metricsToken)
                + ", drainTimeout=" + drainTimeout + ", metricsTenantTags=" + metricsTenantTags + ", history=" + history
                + ", presence=" + presence + ", cluster=" + cluster + ", cors=" + cors + ", isDebugPage=" + isDebugPage
                + ", laravel=" + laravel + "]";
    }

    static String mask(String secret) {
        return secret == null ? "null" : "****";
    }
}
