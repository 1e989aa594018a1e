/**
 * Presence (SPEC §10): who is in each channel, per user, counted over all of the user's connections (in a
 * cluster, over every node: {@link dev.zena.realtime.presence.Members} is that shared count), and the
 * {@code joined}/{@code left} events and summaries it announces through the broker. {@code MemoryMembers} counts
 * one process, {@code RedisMembers} a cluster (in the broker's Redis, through its {@code RedisLink}). Imports the
 * hub, the broker, the protocol's records and the Redis client; never a web framework, never the store.
 */
package dev.zena.realtime.presence;
