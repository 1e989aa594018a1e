package dev.zena.realtime.presence;

import dev.zena.realtime.broker.BrokerUnavailableException;
import dev.zena.realtime.broker.LuaScript;
import dev.zena.realtime.broker.RedisLink;
import io.lettuce.core.ScriptOutputType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The members of every channel over a cluster sharing one Redis (SPEC §10, §11). Per channel, Redis holds each
 * user's connections over all nodes and each node's share of them ({@link PresenceScripts}); joins and leaves are
 * one script each, so {@code joined} is answered to exactly one caller per 0 → 1 and a departure recorded once
 * per 1 → 0. Departures wait in the channel's {@code departing} set until the grace ends, found through the one
 * cluster-wide index of channels with pending departures ({@link DepartureIndex}), and are popped by
 * {@link #dueDepartures}, each for exactly one node.
 *
 * <p>A node keeps its own connections per channel and user here too. It beats every quarter of the heartbeat TTL
 * ({@link NodeRegistry}); at each beat it sweeps: the share of every node whose heartbeat expired is taken back,
 * producing departures as if its connections had closed, so a crashed node's connections stop counting within
 * the TTL plus a beat. A join or leave that Redis did not take (unreachable) is kept locally and the channel's
 * share set again at the next beat Redis answers, as is every channel after this node's own heartbeat lapsed;
 * users restored that way come back without a new {@code joined}. Thread-safe.
 */
public final class RedisMembers implements Members, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisMembers.class);
    /** Heartbeat lifetime: a vanished node stops counting within this plus a beat (a quarter of it), under 30 s. */
    public static final Duration HEARTBEAT_TTL = Duration.ofSeconds(20);

    /** This node's connections of one user in one channel; guarded by the channel's lock. */
    private static final class Local {
        final String info;
        int connections;

        Local(String info) {
            this.info = info;
        }
    }

    private final RedisLink link;
    private final String nodeId;
    private final Duration leaveGrace;
    private final Clock clock;
    private final NodeRegistry registry;
    private final DepartureIndex departures;
    private final Object[] locks = new Object[64];
    private final Map<String, Map<String, Local>> mine = new ConcurrentHashMap<>();
    /** Channels whose share in Redis may differ from {@link #mine}: set again at the next beat. */
    private final Set<String> stale = ConcurrentHashMap.newKeySet();

    private final ScheduledExecutorService beats;

    /** Members of node {@code nodeId} with the default heartbeat; the first beat happens before this returns. */
    public RedisMembers(RedisLink link, String nodeId, Duration leaveGrace, Clock clock) {
        this(link, nodeId, leaveGrace, clock, HEARTBEAT_TTL);
    }

    /**
     * Members of node {@code nodeId} whose heartbeat lives {@code heartbeatTtl}.
     *
     * @throws BrokerUnavailableException when Redis cannot be reached for the first beat
     */
    public RedisMembers(RedisLink link, String nodeId, Duration leaveGrace, Clock clock, Duration heartbeatTtl) {
        this.link = link;
        this.nodeId = nodeId;
        this.leaveGrace = leaveGrace;
        this.clock = clock;
        this.registry = new NodeRegistry(link, nodeId, heartbeatTtl);
        this.departures = new DepartureIndex(link);
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
        for (LuaScript script : List.of(
                PresenceScripts.JOIN,
                PresenceScripts.LEAVE,
                PresenceScripts.POP,
                PresenceScripts.ROLL,
                PresenceScripts.RECONCILE)) {
            script.load(link);
        }
        registry.beat();
        this.beats = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "redis-members-beat");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(1, heartbeatTtl.toMillis() / 4);
        beats.scheduleWithFixedDelay(this::beat, period, period, TimeUnit.MILLISECONDS);
    }

    /** Never throws for an unreachable Redis: answers false and sets the channel's share again later. */
    @Override
    public boolean join(String channel, String tenantId, String userId, String userName, Instant now) {
        synchronized (lock(channel)) {
            Map<String, Local> users = mine.computeIfAbsent(channel, c -> new HashMap<>());
            boolean isFirstHere = users.isEmpty();
            users.computeIfAbsent(userId, u -> new Local(PresenceScripts.info(tenantId, userName))).connections++;
            try {
                if (isFirstHere) {
                    registry.holds(channel);
                }
                Long joined = PresenceScripts.JOIN.run(
                        link,
                        ScriptOutputType.INTEGER,
                        keys(channel, nodeId),
                        List.of(userId, PresenceScripts.info(tenantId, userName)));
                return joined == 1L;
            } catch (BrokerUnavailableException e) {
                markStale(channel, e);
                return false;
            }
        }
    }

    /** Never throws for an unreachable Redis: the channel's share is set again later. */
    @Override
    public void leave(String channel, String userId, Instant now) {
        synchronized (lock(channel)) {
            Map<String, Local> users = mine.get(channel);
            Local local = users == null ? null : users.get(userId);
            if (local == null) {
                return;
            }
            if (--local.connections == 0) {
                users.remove(userId);
            }
            boolean isLastHere = users.isEmpty();
            if (isLastHere) {
                mine.remove(channel);
            }
            try {
                List<String> keys = keys(channel, nodeId);
                Long due = PresenceScripts.LEAVE.run(
                        link,
                        ScriptOutputType.INTEGER,
                        List.of(keys.get(0), keys.get(2), keys.get(3)),
                        List.of(userId, Long.toString(now.plus(leaveGrace).toEpochMilli())));
                departures.add(channel, due);
                if (isLastHere) {
                    registry.released(nodeId, channel);
                }
            } catch (BrokerUnavailableException e) {
                markStale(channel, e);
            }
        }
    }

    /** @throws BrokerUnavailableException when Redis cannot be reached (nothing was taken) */
    @Override
    public List<Departure> dueDepartures(Instant now) {
        return departures.takeDue(now);
    }

    /** @throws BrokerUnavailableException when Redis cannot be reached */
    @Override
    public Roll roll(String channel, int maxUsers) {
        List<String> keys = keys(channel, nodeId);
        List<Object> reply = PresenceScripts.ROLL.run(link, ScriptOutputType.MULTI, keys.subList(0, 2), List.of());
        List<Member> all = new ArrayList<>(reply.size() / 3);
        for (int i = 0; i + 2 < reply.size(); i += 3) {
            all.add(new Member((String) reply.get(i), PresenceScripts.fromInfo((String) reply.get(i + 2))[1], (int)
                    (long) (Long) reply.get(i + 1)));
        }
        all.sort(Comparator.comparing(Member::userId));
        boolean isTruncated = all.size() > maxUsers;
        return new Roll(all.size(), isTruncated ? all.subList(0, maxUsers) : all, isTruncated);
    }

    /** @throws BrokerUnavailableException when Redis cannot be reached */
    @Override
    public long count(String channel) {
        return link.call(redis -> redis.hlen(link.channelKey(channel, "present")));
    }

    /**
     * Called at shutdown, after this node's connections closed: takes back whatever share is left (its users
     * depart as usual) and leaves the registry. When Redis is unreachable, the other nodes sweep this node later.
     */
    @Override
    public void close() {
        beats.shutdownNow();
        try {
            release(nodeId);
            registry.leave();
        } catch (BrokerUnavailableException e) {
            LOG.warn("presence_close_unavailable node={} reason={}", nodeId, e.getMessage());
        }
    }

    /** Stops beating without taking anything back, as a killed process would (for tests). */
    void halt() {
        beats.shutdownNow();
    }

    /** One beat: refresh the heartbeat, set stale shares again, take back the shares of lapsed nodes. */
    void beat() {
        try {
            boolean hasLapsed = registry.beat();
            if (hasLapsed) {
                stale.addAll(mine.keySet());
            }
            for (String channel : List.copyOf(stale)) {
                restore(channel);
            }
            if (!hasLapsed) { // after our own lapse the others probably lapsed too: give them a beat to come back
                for (String node : registry.lapsed()) {
                    LOG.info("presence_node_lapsed node={} swept_by={}", node, nodeId);
                    release(node);
                    registry.forget(node);
                }
            }
        } catch (BrokerUnavailableException e) {
            LOG.debug("presence_beat_unavailable node={} reason={}", nodeId, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("presence_beat_failed node={}", nodeId, e); // never let the schedule die
        }
    }

    /** Sets this node's share of {@code channel} in Redis to its own connections. */
    private void restore(String channel) {
        synchronized (lock(channel)) {
            Map<String, Local> users = mine.getOrDefault(channel, Map.of());
            List<String> args = new ArrayList<>();
            args.add(Long.toString(clock.instant().plus(leaveGrace).toEpochMilli()));
            users.forEach((user, local) -> {
                args.add(user);
                args.add(Integer.toString(local.connections));
                args.add(local.info);
            });
            if (!users.isEmpty()) {
                registry.holds(channel);
            }
            Long next = PresenceScripts.RECONCILE.run(link, ScriptOutputType.INTEGER, keys(channel, nodeId), args);
            departures.add(channel, next);
            if (users.isEmpty()) {
                registry.released(nodeId, channel);
            }
            stale.remove(channel);
        }
    }

    /** Takes back every share of {@code node} (a lapsed node, or this one stopping). */
    private void release(String node) {
        String due = Long.toString(clock.instant().plus(leaveGrace).toEpochMilli());
        for (String channel : registry.channelsOf(node)) {
            Long next =
                    PresenceScripts.RECONCILE.run(link, ScriptOutputType.INTEGER, keys(channel, node), List.of(due));
            departures.add(channel, next);
            registry.released(node, channel);
        }
    }

    private void markStale(String channel, BrokerUnavailableException e) {
        if (stale.add(channel)) {
            LOG.warn("presence_unavailable channel={} reason={}", channel, e.getMessage());
        }
    }

    /** The channel's keys: present, who, departing, and {@code node}'s share. */
    private List<String> keys(String channel, String node) {
        return List.of(
                link.channelKey(channel, "present"),
                link.channelKey(channel, "who"),
                link.channelKey(channel, "departing"),
                link.channelKey(channel, "node:" + node));
    }

    private Object lock(String channel) {
        return locks[Math.floorMod(channel.hashCode(), locks.length)];
    }
}
