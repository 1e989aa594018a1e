package dev.zena.realtime.pusher;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many {@code /app/{key}} connections of this node hold each Pusher channel name: what the HTTP API's read
 * endpoints answer. Thread-safe.
 */
public final class PusherSubscriptions {

    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

    /** Called when a connection starts holding {@code name}. */
    void added(String name) {
        counts.merge(name, 1, Integer::sum);
    }

    /** Called when a connection stops holding {@code name} (unsubscribed, access lost, closed). */
    void removed(String name) {
        counts.computeIfPresent(name, (n, c) -> c <= 1 ? null : c - 1);
    }

    /** The names held by at least one connection, sorted. */
    public List<String> occupied() {
        return counts.keySet().stream().sorted().toList();
    }

    /** The connections of this node holding {@code name}. */
    public int count(String name) {
        return counts.getOrDefault(name, 0);
    }
}
