package dev.zena.realtime.access;

/** One step of an access decision: its name, whether it passed, and the fact it looked at. */
public record Check(String check, boolean passed, String detail) {}
