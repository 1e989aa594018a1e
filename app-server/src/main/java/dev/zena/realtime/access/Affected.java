package dev.zena.realtime.access;

import java.util.Set;

/**
 * What a batch of store changes may have changed a decision for, as {@link Dependents#of} answers it: every
 * connection, or the holders of {@code channels} plus the connections of {@code userIds}, of {@code tenantIds} and
 * of the tokens {@code jtis} (whatever those hold). Immutable.
 */
public record Affected(
        boolean isEveryone, Set<String> channels, Set<String> userIds, Set<String> tenantIds, Set<String> jtis) {

    /** Every authenticated connection. */
    public static final Affected EVERYONE = new Affected(true, Set.of(), Set.of(), Set.of(), Set.of());

    public Affected {
        channels = Set.copyOf(channels);
        userIds = Set.copyOf(userIds);
        tenantIds = Set.copyOf(tenantIds);
        jtis = Set.copyOf(jtis);
    }

    /**
     * Called for each live connection: true when the connection of this user, tenant and token ({@code jti} null
     * when it has none) is affected as such, whatever channels it holds.
     */
    public boolean reachesConnectionOf(String userId, String tenantId, String jti) {
        return isEveryone
                || userIds.contains(userId)
                || tenantIds.contains(tenantId)
                || (jti != null && jtis.contains(jti));
    }
}
