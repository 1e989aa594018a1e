package dev.zena.realtime.presence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The members of every channel of one process. Each channel's users and pending departures are guarded by that
 * channel's monitor; channels with neither are dropped.
 */
public final class MemoryMembers implements Members {

    private final Duration leaveGrace;
    private final Map<String, ChannelMembers> channels = new ConcurrentHashMap<>();

    /** A user whose last connection leaves is announced {@code left} only after {@code leaveGrace}. */
    public MemoryMembers(Duration leaveGrace) {
        this.leaveGrace = leaveGrace;
    }

    private static final class Present {
        final String tenantId;
        final String userName;
        int connections;

        Present(String tenantId, String userName) {
            this.tenantId = tenantId;
            this.userName = userName;
        }
    }

    private record Pending(String tenantId, String userName, Instant due) {}

    /** One channel's present users and pending departures; guarded by its own monitor. */
    private static final class ChannelMembers {
        final Map<String, Present> users = new HashMap<>();
        final Map<String, Pending> departing = new HashMap<>();
        boolean isDropped;

        boolean isEmpty() {
            return users.isEmpty() && departing.isEmpty();
        }
    }

    @Override
    public boolean join(String channel, String tenantId, String userId, String userName, Instant now) {
        for (; ; ) {
            ChannelMembers members = channels.computeIfAbsent(channel, c -> new ChannelMembers());
            synchronized (members) {
                if (members.isDropped) {
                    continue; // dropped between the lookup and the lock: look again
                }
                Present present = members.users.computeIfAbsent(userId, u -> new Present(tenantId, userName));
                if (++present.connections > 1) {
                    return false;
                }
                return members.departing.remove(userId) == null;
            }
        }
    }

    @Override
    public void leave(String channel, String userId, Instant now) {
        ChannelMembers members = channels.get(channel);
        if (members == null) {
            return;
        }
        synchronized (members) {
            Present present = members.users.get(userId);
            if (present == null || --present.connections > 0) {
                return;
            }
            members.users.remove(userId);
            members.departing.put(userId, new Pending(present.tenantId, present.userName, now.plus(leaveGrace)));
        }
    }

    @Override
    public List<Departure> dueDepartures(Instant now) {
        List<Departure> due = new ArrayList<>();
        channels.forEach((channel, members) -> {
            synchronized (members) {
                for (Iterator<Map.Entry<String, Pending>> it =
                                members.departing.entrySet().iterator();
                        it.hasNext(); ) {
                    Map.Entry<String, Pending> entry = it.next();
                    if (!entry.getValue().due().isAfter(now)) {
                        it.remove();
                        due.add(new Departure(
                                channel,
                                entry.getValue().tenantId(),
                                entry.getKey(),
                                entry.getValue().userName()));
                    }
                }
                if (members.isEmpty()) {
                    members.isDropped = true;
                    channels.remove(channel, members);
                }
            }
        });
        return due;
    }

    @Override
    public Roll roll(String channel, int maxUsers) {
        ChannelMembers members = channels.get(channel);
        if (members == null) {
            return new Roll(0, List.of(), false);
        }
        List<Member> all = new ArrayList<>();
        synchronized (members) {
            members.users.forEach((id, present) -> all.add(new Member(id, present.userName, present.connections)));
        }
        all.sort(Comparator.comparing(Member::userId));
        boolean isTruncated = all.size() > maxUsers;
        return new Roll(all.size(), isTruncated ? all.subList(0, maxUsers) : all, isTruncated);
    }

    @Override
    public long count(String channel) {
        ChannelMembers members = channels.get(channel);
        if (members == null) {
            return 0;
        }
        synchronized (members) {
            return members.users.size();
        }
    }
}
