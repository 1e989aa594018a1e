package dev.zena.realtime.limits;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One node's own count of its connections in one tenant, in all and per user: what {@link RedisConnectionCaps}
 * writes back to Redis when Redis's copy was lost, and what it admits against while Redis cannot be reached. Not
 * thread-safe: guarded by the tenant's lock.
 */
final class TenantShare {

    private int connections;
    private final Map<String, Integer> users = new HashMap<>();

    int connections() {
        return connections;
    }

    boolean isEmpty() {
        return connections <= 0;
    }

    void add(String userId) {
        connections++;
        users.merge(userId, 1, Integer::sum);
    }

    void remove(String userId) {
        connections--;
        users.computeIfPresent(userId, (u, n) -> n <= 1 ? null : n - 1);
    }

    /** Both caps against this share alone (while Redis cannot be reached): empty when one more fits. */
    Optional<LimitExceeded> refusal(String userId, int perUser, int perTenant) {
        if (users.getOrDefault(userId, 0) >= perUser) {
            return Optional.of(new LimitExceeded(Limit.CONNECTIONS_PER_USER, 1));
        }
        if (connections >= perTenant) {
            return Optional.of(new LimitExceeded(Limit.CONNECTIONS_PER_TENANT, 1));
        }
        return Optional.empty();
    }

    /** The arguments of {@link CapScripts#RESTORE} that set this share: node, lease, count, then user/count pairs. */
    static List<String> restoreArgs(String nodeId, String leaseMillis, TenantShare share) {
        List<String> args = new ArrayList<>();
        args.add(nodeId);
        args.add(leaseMillis);
        args.add(Integer.toString(share == null ? 0 : share.connections));
        if (share != null) {
            share.users.forEach((user, n) -> {
                args.add(user);
                args.add(Integer.toString(n));
            });
        }
        return args;
    }
}
