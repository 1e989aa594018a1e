package dev.zena.realtime.limits;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Authenticated connections per user and per tenant (SPEC §5) of one process ({@code broker: memory}). A connection is counted at its first
 * authentication and released when it closes; a refresh by the same user is not counted again. Counters that
 * fall to zero are removed. Thread-safe (one lock: admission must see both counts at once).
 */
public final class MemoryConnectionCaps implements ConnectionCaps {

    private record Holder(String tenantId, String userId) {}

    private final int perTenant;
    private final int perUser;
    private final Map<String, Integer> tenants = new HashMap<>();
    private final Map<String, Integer> users = new HashMap<>();
    private final Map<String, Holder> admitted = new HashMap<>();

    MemoryConnectionCaps(int perTenant, int perUser) {
        this.perTenant = perTenant;
        this.perUser = perUser;
    }

    @Override
    public synchronized Optional<LimitExceeded> admit(String connectionId, String tenantId, String userId) {
        if (admitted.containsKey(connectionId)) {
            return Optional.empty();
        }
        if (users.getOrDefault(userId, 0) >= perUser) {
            return Optional.of(new LimitExceeded(Limit.CONNECTIONS_PER_USER, 1));
        }
        if (tenants.getOrDefault(tenantId, 0) >= perTenant) {
            return Optional.of(new LimitExceeded(Limit.CONNECTIONS_PER_TENANT, 1));
        }
        users.merge(userId, 1, Integer::sum);
        tenants.merge(tenantId, 1, Integer::sum);
        admitted.put(connectionId, new Holder(tenantId, userId));
        return Optional.empty();
    }

    @Override
    public synchronized void release(String connectionId) {
        Holder holder = admitted.remove(connectionId);
        if (holder != null) {
            users.computeIfPresent(holder.userId(), (k, n) -> n <= 1 ? null : n - 1);
            tenants.computeIfPresent(holder.tenantId(), (k, n) -> n <= 1 ? null : n - 1);
        }
    }

    @Override
    public synchronized int ofTenant(String tenantId) {
        return tenants.getOrDefault(tenantId, 0);
    }

    @Override
    public synchronized int ofUser(String userId) {
        return users.getOrDefault(userId, 0);
    }
}
