package dev.zena.realtime.broker;

/**
 * Where a channel stands (SPEC §9): the {@code offset} of its last event (0 before any) and the {@code epoch} of
 * its history, an opaque text that changes only when that history is lost (a fresh broker, a channel forgotten
 * after a long silence), so that an offset of one epoch is never compared with an offset of another.
 */
public record Position(long offset, String epoch) {}
