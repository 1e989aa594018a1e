package dev.zena.realtime.config;

/**
 * How this server shares state with others (SPEC §11): {@code broker} {@code memory} is one process; {@code redis}
 * makes it a node of a cluster whose nodes share {@code redisUrl} (keys under {@code redisPrefix}) and one
 * PostgreSQL store. {@code nodeId} names this node (generated when not configured).
 */
public record ClusterConfig(Kind broker, String redisUrl, String redisPrefix, String nodeId) {

    /** The broker kinds of the {@code broker} setting. */
    public enum Kind {
        MEMORY, REDIS
    }

    /** True when this server is a node of a Redis cluster. */
    public boolean isCluster() {
        return broker == Kind.REDIS;
    }

    /** Masks the password a Redis URL may carry. */
    @Override
    public String toString() {
        return "ClusterConfig[broker=" + broker + ", redisUrl=" + UrlPasswords.mask(redisUrl) + ", redisPrefix="
                + redisPrefix + ", nodeId=" + nodeId + "]";
    }
}
