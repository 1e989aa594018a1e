package dev.zena.realtime.presence;

import dev.zena.realtime.broker.RedisLink;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which nodes are alive, in Redis, for {@link RedisMembers}: each node's heartbeat key {@code zena:node:<id>}
 * expires {@code ttl} after its last refresh; the set {@code zena:nodes} names every node that ever beat and was
 * not yet forgotten, and {@code zena:node:<id>:channels} the channels where that node has a share of presence.
 * These three are cluster-wide keys (not hash-tagged by a channel), touched one command at a time. Every call may
 * throw {@link dev.zena.realtime.broker.BrokerUnavailableException}. Thread-safe.
 */
final class NodeRegistry {

    private final RedisLink link;
    private final String nodeId;
    private final Duration ttl;

    NodeRegistry(RedisLink link, String nodeId, Duration ttl) {
        this.link = link;
        this.nodeId = nodeId;
        this.ttl = ttl;
    }

    /**
     * Refreshes this node's heartbeat; true when it had lapsed: the first beat, a beat after a pause longer than
     * the TTL (other nodes may have taken this node's share of presence back), or a Redis that lost its data.
     */
    boolean beat() {
        String was = link.call(redis -> redis.setGet(heartbeat(nodeId), "1", SetArgs.Builder.px(ttl)));
        link.call(redis -> redis.sadd(link.globalKey("nodes"), nodeId));
        return was == null;
    }

    /** The other registered nodes whose heartbeat expired. */
    List<String> lapsed() {
        List<String> lapsed = new ArrayList<>();
        for (String node : link.call(redis -> redis.smembers(link.globalKey("nodes")))) {
            if (!node.equals(nodeId) && link.call(redis -> redis.exists(heartbeat(node))) == 0) {
                lapsed.add(node);
            }
        }
        return lapsed;
    }

    /** The channels where {@code node} has (or recently had) a share of presence. */
    Set<String> channelsOf(String node) {
        return link.call(redis -> redis.smembers(channels(node)));
    }

    /** Called before this node's first connection in {@code channel} is counted. */
    void holds(String channel) {
        link.call(redis -> redis.sadd(channels(nodeId), channel));
    }

    /** Called once {@code node} has no share left in {@code channel}. */
    void released(String node, String channel) {
        link.call(redis -> redis.srem(channels(node), channel));
    }

    /** Forgets a lapsed node whose shares were all taken back, unless it beat again meanwhile. */
    void forget(String node) {
        if (link.call(redis -> redis.exists(heartbeat(node))) == 0) {
            link.call(redis -> redis.srem(link.globalKey("nodes"), node));
        }
    }

    /** Called when this node stops: others no longer look for it. */
    void leave() {
        link.call(redis -> redis.del(heartbeat(nodeId)));
        link.call(redis -> redis.srem(link.globalKey("nodes"), nodeId));
    }

    private String heartbeat(String node) {
        return link.globalKey("node:" + node);
    }

    private String channels(String node) {
        return link.globalKey("node:" + node + ":channels");
    }
}
