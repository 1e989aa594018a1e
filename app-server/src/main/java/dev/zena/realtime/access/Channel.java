package dev.zena.realtime.access;

/** A channel name that matched a configured pattern: its kind and the id of the resource it names. */
public record Channel(ChannelKind kind, String resourceId, String name) {}
