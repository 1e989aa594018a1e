package dev.zena.realtime.bench.load;

/** The server under test: its name in reports, where it listens, its dialect, and its process id for /proc. */
public record Target(String name, String host, int port, String wsPath, Dialect dialect, long pid, boolean isJava) {}
