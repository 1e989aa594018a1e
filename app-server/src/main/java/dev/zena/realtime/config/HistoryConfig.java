package dev.zena.realtime.config;

import java.time.Duration;

/**
 * Channel history (SPEC §9): {@code size} events kept per channel, each for {@code ttl}; one recovery replays at
 * most {@code recoverMax} of them.
 */
public record HistoryConfig(int size, Duration ttl, int recoverMax) {}
