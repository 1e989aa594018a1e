package dev.zena.realtime.metrics;

/**
 * One second of one tenant's (or the whole server's) traffic: the row of the admin traffic series.
 *
 * @param epochSecond the UTC second
 * @param connections live connections sampled in that second (the last sample before it when none was taken)
 */
public record TrafficPoint(
        long epochSecond, long messagesIn, long messagesOut, long errors, long dropped, long connections) {}
