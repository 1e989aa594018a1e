package dev.zena.realtime.config;

/**
 * How this server shares state with others (SPEC §11): {@code broker} {@code memory} is one process; {@code redis}
 * makes it a node of a cluster whose nodes share {@code redisUrl} (keys under {@code redisPrefix}) and one
 * PostgreSQL store. {@code nodeId} is the configured name of this node, null when not configured: a configuration
 * is a value (loading the same sources twice gives equal configurations), so a name is generated only when a server
 * starts ({@link #nodeName()}).
 */
public record ClusterConfig(Kind broker, String redisUrl, String redisPrefix, String nodeId) {

    /** The broker kinds of the {@code broker} setting. */
    public enum Kind {
        MEMORY,
        REDIS
    }

    /** True when this server is a node of a Redis cluster. */
    public boolean isCluster() {
        return broker == Kind.REDIS;
    }

    /**
     * The name this node goes by: the configured {@code node.id}, or a new one made of the host name from the
     * environment (never a DNS lookup at start) and six random characters. Called once per server start.
     */
    public String nodeName() {
        if (nodeId != null) {
            return nodeId;
        }
        String env = System.getenv("HOSTNAME");
        String host = env == null ? "" : env.replaceAll("[^A-Za-z0-9_.-]", "");
        String random = Long.toString(new java.security.SecureRandom().nextLong() >>> 1, 36);
        String id = (host.isEmpty() ? "node" : host) + "-" + random.substring(0, Math.min(6, random.length()));
        return id.length() > 64 ? id.substring(id.length() - 64) : id;
    }

    /** Masks the password a Redis URL may carry. */
    @Override
    public String toString() {
        return "ClusterConfig[broker=" + broker + ", redisUrl=" + UrlPasswords.mask(redisUrl) + ", redisPrefix="
                + redisPrefix + ", nodeId=" + nodeId + "]";
    }
}
