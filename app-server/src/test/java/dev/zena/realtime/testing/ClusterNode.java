package dev.zena.realtime.testing;

import java.util.HashMap;
import java.util.Map;

/** The settings of one node of an in-process cluster test: the test Redis as broker, a PostgreSQL store. */
public final class ClusterNode {

    private ClusterNode() {}

    /** Node {@code id} on the store {@code db}, under the Redis key prefix {@code prefix}; a map the caller may add to. */
    public static Map<String, String> settings(String db, String prefix, String id) {
        Map<String, String> settings = new HashMap<>();
        settings.put("broker", "redis");
        settings.put("redis.url", TestRedis.get().url());
        settings.put("redis.prefix", prefix);
        settings.put("db", db);
        settings.put("node.id", id);
        return settings;
    }
}
