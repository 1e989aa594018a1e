package dev.zena.realtime.presence;

/** One user present in a channel, with how many of their connections hold it. */
public record Member(String userId, String userName, int connections) {}
