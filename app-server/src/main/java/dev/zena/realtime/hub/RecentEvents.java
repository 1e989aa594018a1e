package dev.zena.realtime.hub;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last few events of each recently used channel, so that a REST twin (alerts, notifications) can answer
 * with what a subscriber would have seen. Bounded in channels and in events per channel. Thread-safe.
 */
public final class RecentEvents {

    /** One remembered event. */
    public record Entry(String event, JsonNode data, long offset, Instant timestamp) {
    }

    private final int perChannel;
    private final Map<String, Deque<Entry>> byChannel;

    /** Keeps {@code perChannel} events for at most {@code channels} channels (least recently published dropped). */
    public RecentEvents(int perChannel, int channels) {
        this.perChannel = perChannel;
        this.byChannel = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Deque<Entry>> eldest) {
                return size() > channels;
            }
        };
    }

    /** Called by the hub for every published event. */
    public synchronized void remember(String channel, Entry entry) {
        Deque<Entry> events = byChannel.computeIfAbsent(channel, c -> new ArrayDeque<>());
        events.addFirst(entry);
        while (events.size() > perChannel) {
            events.removeLast();
        }
    }

    /** The remembered events of a channel, newest first. */
    public synchronized List<Entry> of(String channel) {
        Deque<Entry> events = byChannel.get(channel);
        return events == null ? List.of() : new ArrayList<>(events);
    }
}
