package dev.zena.realtime.limits;

import dev.zena.realtime.broker.BrokerUnavailableException;
import dev.zena.realtime.broker.LuaScript;
import dev.zena.realtime.broker.RedisLink;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connection caps per user and per tenant over every node of a cluster (SPEC §11): Redis holds, per tenant, each
 * node's share of the connections under a lease ({@link CapScripts}); admission is one script that sums the live
 * shares, checks both caps and counts the connection. Each node renews its leases every quarter of the lease
 * ({@link #LEASE_TTL}), so the share of a node that dies without a word stops counting within the lease, under
 * SPEC §11's 30 s. A node keeps its own count of every share: when Redis lost it (a restart, a lapsed lease, a
 * release that did not reach Redis) the node sets it again, at the next admission of that tenant or its next beat.
 *
 * <p>While Redis cannot be reached, a node admits against its own share alone, so each node still enforces both
 * caps on its own connections (the cluster may then hold up to one cap per node), and sets its shares again once
 * Redis answers: SPEC §11.5, a node keeps serving what it has rather than refusing everyone with a false
 * {@code CONNECTION_LIMIT}. Thread-safe: per tenant, admission and release are serialised by one lock (of 64).
 */
public final class RedisConnectionCaps implements ConnectionCaps, AutoCloseable {

    /** How long a node's share counts without a renewal: under SPEC §11's 30 s, with a beat every quarter. */
    public static final Duration LEASE_TTL = Duration.ofSeconds(20);

    private static final Logger LOG = LoggerFactory.getLogger(RedisConnectionCaps.class);

    private record Holder(String tenantId, String userId) {}

    private final RedisLink link;
    private final String nodeId;
    private final int perTenant;
    private final int perUser;
    private final String leaseMillis;
    private final Object[] locks = new Object[64];
    private final Map<String, Holder> admitted = new ConcurrentHashMap<>();
    private final Map<String, TenantShare> shares = new ConcurrentHashMap<>();
    /** Tenants whose share in Redis may differ from {@link #shares}: set again at the next beat. */
    private final Set<String> stale = ConcurrentHashMap.newKeySet();

    private final ScheduledExecutorService beats;

    /** Caps of node {@code nodeId} whose shares live {@code leaseTtl} without a renewal; beats start at once. */
    RedisConnectionCaps(RedisLink link, String nodeId, int perTenant, int perUser, Duration leaseTtl) {
        this.link = link;
        this.nodeId = nodeId;
        this.perTenant = perTenant;
        this.perUser = perUser;
        this.leaseMillis = Long.toString(leaseTtl.toMillis());
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
        for (LuaScript script :
                List.of(CapScripts.ADMIT, CapScripts.RELEASE, CapScripts.RENEW, CapScripts.RESTORE, CapScripts.COUNT)) {
            script.load(link);
        }
        this.beats = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "redis-caps-beat");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(1, leaseTtl.toMillis() / 4);
        beats.scheduleWithFixedDelay(this::beat, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public Optional<LimitExceeded> admit(String connectionId, String tenantId, String userId) {
        if (admitted.containsKey(connectionId)) {
            return Optional.empty();
        }
        synchronized (lock(tenantId)) {
            TenantShare share = shares.computeIfAbsent(tenantId, t -> new TenantShare());
            Optional<LimitExceeded> denial;
            try {
                denial = admitShared(tenantId, userId, share);
            } catch (BrokerUnavailableException e) {
                markStale(tenantId, e);
                denial = share.refusal(userId, perUser, perTenant); // this node's share alone
            }
            if (denial.isEmpty()) {
                share.add(userId);
                admitted.put(connectionId, new Holder(tenantId, userId));
            } else if (share.isEmpty()) {
                shares.remove(tenantId);
            }
            return denial;
        }
    }

    @Override
    public void release(String connectionId) {
        Holder holder = admitted.remove(connectionId);
        if (holder == null) {
            return;
        }
        synchronized (lock(holder.tenantId())) {
            TenantShare share = shares.get(holder.tenantId());
            if (share != null) {
                share.remove(holder.userId());
                if (share.isEmpty()) {
                    shares.remove(holder.tenantId());
                }
            }
            try {
                CapScripts.RELEASE.run(
                        link, ScriptOutputType.INTEGER, keys(holder.tenantId()), List.of(nodeId, holder.userId()));
            } catch (BrokerUnavailableException e) {
                markStale(holder.tenantId(), e);
            }
        }
    }

    @Override
    public int ofTenant(String tenantId) {
        synchronized (lock(tenantId)) {
            TenantShare share = shares.get(tenantId);
            return share == null ? 0 : share.connections();
        }
    }

    @Override
    public int ofUser(String userId) {
        return (int) admitted.values().stream()
                .filter(h -> h.userId().equals(userId))
                .count();
    }

    /**
     * The connections of a tenant and of one of its users over every live node, as Redis counts them now.
     *
     * @throws BrokerUnavailableException when Redis cannot be reached
     */
    public Counts shared(String tenantId, String userId) {
        List<Object> reply = CapScripts.COUNT.run(link, ScriptOutputType.MULTI, keys(tenantId), List.of(userId));
        return new Counts((int) (long) (Long) reply.get(0), (int) (long) (Long) reply.get(1));
    }

    /** Connections of a tenant and of one user over the cluster. */
    public record Counts(int tenant, int user) {}

    /** Called at shutdown, after this node's connections closed: takes back what is left of its shares. */
    @Override
    public void close() {
        beats.shutdownNow();
        try {
            for (String tenantId : tenantsHeld()) {
                synchronized (lock(tenantId)) {
                    CapScripts.RESTORE.run(
                            link, ScriptOutputType.INTEGER, keys(tenantId), List.of(nodeId, leaseMillis, "0"));
                }
            }
        } catch (BrokerUnavailableException e) {
            LOG.warn("caps_close_unavailable node={} reason={}", nodeId, e.getMessage()); // the leases lapse
        }
    }

    /** Stops beating without taking anything back, as a killed process would (for tests). */
    void halt() {
        beats.shutdownNow();
    }

    /** One beat: renew every share this node holds, setting again those Redis lost or that may differ. */
    void beat() {
        try {
            for (String tenantId : tenantsHeld()) {
                synchronized (lock(tenantId)) {
                    TenantShare share = shares.get(tenantId);
                    int connections = share == null ? 0 : share.connections();
                    boolean isInStep = !stale.contains(tenantId)
                            && connections > 0
                            && (Long) CapScripts.RENEW.run(
                                            link,
                                            ScriptOutputType.INTEGER,
                                            keys(tenantId),
                                            List.of(nodeId, leaseMillis, Integer.toString(connections)))
                                    == 1L;
                    if (!isInStep) {
                        restore(tenantId, share);
                    }
                }
            }
        } catch (BrokerUnavailableException e) {
            LOG.debug("caps_beat_unavailable node={} reason={}", nodeId, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("caps_beat_failed node={}", nodeId, e); // never let the schedule die
        }
    }

    private Optional<LimitExceeded> admitShared(String tenantId, String userId, TenantShare share) {
        long verdict = runAdmit(tenantId, userId, share);
        if (verdict == -1) { // Redis's share of this node is not ours: set it again, then decide
            restore(tenantId, share);
            verdict = runAdmit(tenantId, userId, share);
        }
        if (verdict == -1) {
            throw new IllegalStateException("share of node " + nodeId + " out of step right after it was set");
        }
        return verdict == 1
                ? Optional.of(new LimitExceeded(Limit.CONNECTIONS_PER_USER, 1))
                : verdict == 2 ? Optional.of(new LimitExceeded(Limit.CONNECTIONS_PER_TENANT, 1)) : Optional.empty();
    }

    private long runAdmit(String tenantId, String userId, TenantShare share) {
        Long verdict = CapScripts.ADMIT.run(
                link,
                ScriptOutputType.INTEGER,
                keys(tenantId),
                List.of(
                        nodeId,
                        userId,
                        Integer.toString(perUser),
                        Integer.toString(perTenant),
                        leaseMillis,
                        Integer.toString(share.connections())));
        return verdict;
    }

    /** Sets this node's share of {@code tenantId} in Redis to its own count; the caller holds the tenant's lock. */
    private void restore(String tenantId, TenantShare share) {
        CapScripts.RESTORE.run(
                link, ScriptOutputType.INTEGER, keys(tenantId), TenantShare.restoreArgs(nodeId, leaseMillis, share));
        stale.remove(tenantId);
    }

    private Set<String> tenantsHeld() {
        Set<String> tenants = new HashSet<>(shares.keySet());
        tenants.addAll(stale);
        return tenants;
    }

    private void markStale(String tenantId, BrokerUnavailableException e) {
        if (stale.add(tenantId)) {
            LOG.warn("caps_shared_unavailable tenant={} fallback=node reason={}", tenantId, e.getMessage());
        }
    }

    private List<String> keys(String tenantId) {
        return List.of(link.taggedKey("caps", tenantId, "leases"), link.taggedKey("caps", tenantId, "counts"));
    }

    private Object lock(String tenantId) {
        return locks[Math.floorMod(tenantId.hashCode(), locks.length)];
    }
}
