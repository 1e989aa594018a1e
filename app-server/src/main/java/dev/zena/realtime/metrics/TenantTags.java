package dev.zena.realtime.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the {@code tenant} tag of Prometheus meters bounded: the first {@code limit} tenant ids seen keep their
 * own value, every later one is {@value #OTHER}; traffic without a tenant (not authenticated) is {@value #NONE}.
 */
final class TenantTags {

    static final String OTHER = "other";
    static final String NONE = "none";

    private final int limit;
    private final Set<String> named = ConcurrentHashMap.newKeySet();

    TenantTags(int limit) {
        this.limit = limit;
    }

    /** The tag value for a tenant id (nullable). */
    String of(String tenantId) {
        if (tenantId == null) {
            return NONE;
        }
        if (named.contains(tenantId)) {
            return tenantId;
        }
        synchronized (this) {
            if (named.size() < limit) {
                named.add(tenantId);
                return tenantId;
            }
        }
        return named.contains(tenantId) ? tenantId : OTHER;
    }
}
