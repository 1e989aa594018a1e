package dev.zena.realtime.presence;

import java.time.Instant;
import java.util.List;

/**
 * Who is present in each channel (SPEC §10), per user: a user is present while at least one of their connections
 * holds the channel, counted over every node of a cluster. Joins and leaves answer the transitions that presence
 * events announce, each exactly once cluster-wide: a user's first connection joining ({@code joined}), and a
 * departure once the leave grace ran out without the user coming back (collected by {@link #dueDepartures}).
 * Implementations: {@link MemoryMembers} (one process) and {@link RedisMembers} (a cluster), under one contract
 * ({@code MembersContract}). Thread-safe; calls may block briefly on I/O. {@link #join} and {@link #leave} never
 * throw for an unreachable shared store (the change is kept and applied once it is back, and a join then answers
 * false); the reads may throw {@link dev.zena.realtime.broker.BrokerUnavailableException}.
 */
public interface Members {

    /**
     * Called when a connection of {@code userId} starts holding {@code channel}. True when the user was not
     * present and no departure of theirs is pending (their leave grace not yet over): then {@code joined} is to be
     * announced, by this caller only. A user coming back within the grace cancels the pending departure: false.
     */
    boolean join(String channel, String tenantId, String userId, String userName, Instant now);

    /**
     * Called when a connection of {@code userId} stops holding {@code channel}. When it was the user's last, the
     * user is no longer present and a departure is pending until {@code now} plus the leave grace.
     */
    void leave(String channel, String userId, Instant now);

    /** Called periodically: the departures whose grace is over at {@code now}, each answered to one caller once. */
    List<Departure> dueDepartures(Instant now);

    /** The present users of a channel: the exact count and at most {@code maxUsers} of them, by user id. */
    Roll roll(String channel, int maxUsers);

    /** The number of present users of a channel. */
    long count(String channel);
}
