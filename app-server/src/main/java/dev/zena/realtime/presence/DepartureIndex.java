package dev.zena.realtime.presence;

import dev.zena.realtime.broker.RedisLink;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.ZAddArgs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where {@link RedisMembers} finds pending departures: {@code zena:presence:departing}, a sorted set of channels by
 * the earliest end of a leave grace among their departing users. It is the one presence key outside a channel's
 * hash slot (with the node registry's, see {@link NodeRegistry}), so it is updated by its own commands beside the
 * channel scripts, in an order that never loses a channel: a departure is recorded in its channel first and
 * indexed after, and a channel is dropped from the index only when, after the drop, its departing set is found
 * empty. A score may end up later than the channel's earliest departure only by the leave grace, when nodes'
 * clocks disagree.
 *
 * <p>A node looks at the index only when a departure is due by what it knows (the ones it recorded, and the
 * earliest pending one it saw at its last look), and otherwise once every {@link #LOOK_MILLIS}: a departure recorded
 * by another node is popped by that node when due, and by this one at the latest a look later (a node that died
 * with departures pending). A look asks for the earliest indexed channel first and pops only when it is due, so idle
 * nodes send Redis one command every few seconds here rather than one per server tick (ADRs 0032, 0040). Every call
 * may throw {@link dev.zena.realtime.broker.BrokerUnavailableException}. Thread-safe.
 */
final class DepartureIndex {

    /** Most channels, and departures per channel, taken in one call. */
    private static final int MAX_TAKEN = 512;

    /**
     * Longest time between two looks at the index when nothing known is due: how late a departure whose recording
     * node died before it was due may be announced (ADR 0040; 1 s before it).
     */
    static final long LOOK_MILLIS = 5000;

    private final RedisLink link;
    private final String key;
    /** Millis at which the next look is due: the earliest departure known here, or the next regular look. */
    private final AtomicLong nextLook = new AtomicLong(Long.MIN_VALUE);

    DepartureIndex(RedisLink link) {
        this.link = link;
        this.key = link.globalKey("presence:departing");
    }

    /** Records that {@code channel} has a departure due at {@code due} millis (unless it has an earlier one). */
    void add(String channel, long due) {
        if (due > 0) {
            link.call(redis -> redis.zadd(key, ZAddArgs.Builder.lt(), (double) due, channel));
            nextLook.accumulateAndGet(due, Math::min);
        }
    }

    /** Takes the departures due at {@code now} from every indexed channel; each is answered to one caller. */
    List<Departure> takeDue(Instant now) {
        long millis = now.toEpochMilli();
        if (millis < nextLook.get()) {
            return List.of();
        }
        // Until this look ends, only departures recorded meanwhile set the next one; if it fails, look again soon.
        nextLook.set(Long.MAX_VALUE);
        long earliest = millis;
        try {
            // The earliest indexed channel first: when it is not due (an idle cluster's case: none), one command.
            List<ScoredValue<String>> first = earliest();
            List<Departure> due = List.of();
            if (!first.isEmpty() && first.get(0).getScore() <= millis) {
                due = pop(millis);
                first = earliest();
            }
            long regular = millis + LOOK_MILLIS;
            earliest = first.isEmpty()
                    ? regular
                    : Math.min(regular, Math.max(millis, (long) first.get(0).getScore()));
            return due;
        } finally {
            nextLook.accumulateAndGet(earliest, Math::min);
        }
    }

    private List<ScoredValue<String>> earliest() {
        return link.call(redis -> redis.zrangeWithScores(key, 0L, 0L));
    }

    private List<Departure> pop(long millis) {
        List<String> channels = link.call(
                redis -> redis.zrangebyscore(key, Range.create(0, (double) millis), Limit.create(0, MAX_TAKEN)));
        List<Departure> due = new ArrayList<>();
        for (String channel : channels) {
            String departing = link.channelKey(channel, "departing");
            List<Object> reply = PresenceScripts.POP.run(
                    link,
                    ScriptOutputType.MULTI,
                    List.of(departing, link.channelKey(channel, "who"), link.channelKey(channel, "present")),
                    List.of(Long.toString(millis), Integer.toString(MAX_TAKEN)));
            for (int i = 1; i + 1 < reply.size(); i += 2) {
                String[] info = PresenceScripts.fromInfo((String) reply.get(i + 1));
                due.add(new Departure(channel, info[0], (String) reply.get(i), info[1]));
            }
            long next = (Long) reply.get(0);
            if (next >= 0) {
                link.call(redis -> redis.zadd(key, (double) next, channel));
            } else {
                link.call(redis -> redis.zrem(key, channel));
                // A leave may have recorded a departure between the pop and the removal: index it again.
                List<ScoredValue<String>> first = link.call(redis -> redis.zrangeWithScores(departing, 0L, 0L));
                if (!first.isEmpty()) {
                    add(channel, (long) first.get(0).getScore());
                }
            }
        }
        return due;
    }
}
