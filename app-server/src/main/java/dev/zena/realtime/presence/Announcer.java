package dev.zena.realtime.presence;

import dev.zena.realtime.broker.Broker;
import dev.zena.realtime.broker.BrokerUnavailableException;
import dev.zena.realtime.config.PresenceConfig;
import dev.zena.realtime.hub.Connection;
import dev.zena.realtime.hub.HubListener;
import dev.zena.realtime.protocol.PresenceEvent;
import dev.zena.realtime.protocol.PresenceSummary;
import dev.zena.realtime.protocol.WireCodec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the hub's joins and leaves into presence (SPEC §10): every authenticated holder of a channel is counted
 * in {@link Members}; a user's first connection is announced {@code joined} and a departure that outlived the
 * leave grace {@code left}, through the broker so that every node's watchers get them. A channel with more than
 * {@code presence.max_users} members announces instead one {@code presence_summary} per second with the ids
 * that joined and left meanwhile. Joins and leaves are called on connection lanes and closing threads;
 * {@link #tick} on the server's ticker.
 */
public final class Announcer implements HubListener {

    private static final Logger LOG = LoggerFactory.getLogger(Announcer.class);

    private final Members members;
    private final Broker broker;
    private final WireCodec codec;
    private final Clock clock;
    private final int maxUsers;
    private final Map<String, Summary> summaries = new ConcurrentHashMap<>();

    /** The ids that joined and left a crowded channel since its last summary; guarded by its own monitor. */
    private static final class Summary {
        final String tenantId;
        final List<String> joined = new ArrayList<>();
        final List<String> left = new ArrayList<>();
        /** Set when its summary was taken: a late join or leave must start the next one. */
        boolean isTaken;

        Summary(String tenantId) {
            this.tenantId = tenantId;
        }
    }

    /** Built once per server; register it as a hub listener. */
    public Announcer(Members members, Broker broker, WireCodec codec, Clock clock, PresenceConfig config) {
        this.members = members;
        this.broker = broker;
        this.codec = codec;
        this.clock = clock;
        this.maxUsers = config.maxUsers();
    }

    @Override
    public void joined(Connection connection, String channel) {
        if (!connection.isAuthenticated()) {
            return;
        }
        var principal = connection.principal();
        if (members.join(channel, principal.tenantId(), principal.userId(), principal.userName(), clock.instant())) {
            announce(channel, principal.tenantId(), PresenceEvent.JOINED, principal.userId(), principal.userName());
        }
    }

    @Override
    public void left(Connection connection, String channel) {
        if (connection.isAuthenticated()) {
            members.leave(channel, connection.principal().userId(), clock.instant());
        }
    }

    /**
     * Called by the server's ticker: announces due departures, and the summaries of crowded channels once a second.
     * Never throws for an unreachable broker (the departures stay pending for a later tick).
     */
    public void tick(boolean isSummarySecond) {
        Instant now = clock.instant();
        List<Departure> due;
        try {
            due = members.dueDepartures(now);
        } catch (BrokerUnavailableException e) {
            due = List.of();
        }
        for (Departure departure : due) {
            announce(
                    departure.channel(),
                    departure.tenantId(),
                    PresenceEvent.LEFT,
                    departure.userId(),
                    departure.userName());
        }
        if (isSummarySecond && !summaries.isEmpty()) {
            summaries.forEach((channel, summary) -> {
                List<String> joined;
                List<String> left;
                synchronized (summary) {
                    joined = List.copyOf(summary.joined);
                    left = List.copyOf(summary.left);
                    summary.isTaken = true;
                    summaries.remove(channel, summary);
                }
                if (!joined.isEmpty() || !left.isEmpty()) {
                    try {
                        broker.publishPresence(
                                summary.tenantId,
                                channel,
                                codec.encode(new PresenceSummary(channel, members.count(channel), joined, left, now)));
                    } catch (BrokerUnavailableException e) {
                        LOG.warn("presence_summary_lost channel={} reason={}", channel, e.getMessage());
                    }
                }
            });
        }
    }

    private void announce(String channel, String tenantId, String event, String userId, String userName) {
        try {
            announceOrThrow(channel, tenantId, event, userId, userName);
        } catch (BrokerUnavailableException e) {
            // Presence events are not kept anywhere: one that cannot be sent now is lost, and said so.
            LOG.warn("presence_event_lost channel={} event={} reason={}", channel, event, e.getMessage());
        }
    }

    private void announceOrThrow(String channel, String tenantId, String event, String userId, String userName) {
        long count = members.count(channel);
        if (count > maxUsers || summaries.containsKey(channel)) {
            for (; ; ) {
                Summary summary = summaries.computeIfAbsent(channel, c -> new Summary(tenantId));
                synchronized (summary) {
                    if (!summary.isTaken) {
                        (PresenceEvent.JOINED.equals(event) ? summary.joined : summary.left).add(userId);
                        return;
                    }
                }
            }
        }
        int connections = PresenceEvent.JOINED.equals(event) ? 1 : 0;
        broker.publishPresence(
                tenantId,
                channel,
                codec.encode(new PresenceEvent(channel, event, userId, userName, connections, clock.instant())));
    }
}
