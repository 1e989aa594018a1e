package dev.zena.realtime.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zena.realtime.bench.client.Link;
import dev.zena.realtime.bench.client.LinkListener;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The observer of the presence churn (SPEC §10): one connection subscribed with {@code presence_events: true},
 * counting {@code joined} and {@code left} per user (other than its own) and any {@code presence_summary}. Its
 * callbacks come from its selector thread; the counts are read from the scenario thread.
 */
final class PresenceWatcher implements LinkListener {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String token;
    private final String userId;
    private final String channel;
    private final Map<String, AtomicInteger> joined = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> left = new ConcurrentHashMap<>();
    private final LongAdder joinedEvents = new LongAdder();
    private final LongAdder leftEvents = new LongAdder();
    private final LongAdder summaries = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private volatile boolean isReady;
    private volatile long lastEventNanos;
    private volatile Link link;

    private final boolean isWatching;

    /** {@code isWatching} false: subscribes without {@code presence_events} (a control run that counts nothing). */
    PresenceWatcher(String token, String userId, String channel, boolean isWatching) {
        this.isWatching = isWatching;
        this.token = token;
        this.userId = userId;
        this.channel = channel;
    }

    @Override
    public void opened(Link opened) {
        this.link = opened;
    }

    @Override
    public void text(Link from, String text) {
        if (text.startsWith("{\"type\":\"presence_event\"")) {
            onPresenceEvent(text);
        } else if (text.startsWith("{\"type\":\"presence_summary\"")) {
            summaries.increment();
        } else if (text.startsWith("{\"type\":\"connection\"")) {
            from.send("{\"type\":\"authenticate\",\"token\":\"" + token + "\"}");
        } else if (text.startsWith("{\"type\":\"authentication\"")) {
            from.send("{\"type\":\"subscribe\",\"channels\":[\"" + channel + "\"],\"presence_events\":" + isWatching
                    + "}");
        } else if (text.startsWith("{\"type\":\"subscription\"")) {
            isReady = text.contains("\"granted\":[\"" + channel + "\"");
            if (!isReady) {
                errors.increment();
            }
        } else if (text.startsWith("{\"type\":\"error\"")) {
            errors.increment();
        }
    }

    private void onPresenceEvent(String text) {
        JsonNode event;
        try {
            event = JSON.readTree(text);
        } catch (IOException e) {
            errors.increment();
            return;
        }
        String user = event.path("user").path("user_id").asText();
        if (user.equals(userId)) {
            return;
        }
        boolean isJoined = "joined".equals(event.path("event").asText());
        (isJoined ? joined : left)
                .computeIfAbsent(user, u -> new AtomicInteger())
                .incrementAndGet();
        (isJoined ? joinedEvents : leftEvents).increment();
        lastEventNanos = System.nanoTime();
    }

    @Override
    public void closed(Link from, int code, String reason) {
        if (!isReady) {
            errors.increment();
        }
    }

    boolean isReady() {
        return isReady;
    }

    long joinedEvents() {
        return joinedEvents.sum();
    }

    long leftEvents() {
        return leftEvents.sum();
    }

    /** Users with exactly one {@code joined} and exactly one {@code left}. */
    long usersExactlyOnce() {
        return joined.entrySet().stream()
                .filter(e -> e.getValue().get() == 1
                        && left.getOrDefault(e.getKey(), new AtomicInteger()).get() == 1)
                .count();
    }

    /** Users with more than one event of a kind, or a {@code left} without a {@code joined}. */
    long usersMiscounted() {
        long extraJoins = joined.values().stream().filter(n -> n.get() > 1).count();
        long badLeaves = left.entrySet().stream()
                .filter(e -> e.getValue().get() > 1 || !joined.containsKey(e.getKey()))
                .count();
        return extraJoins + badLeaves;
    }

    long summaries() {
        return summaries.sum();
    }

    long errors() {
        return errors.sum();
    }

    long lastEventNanos() {
        return lastEventNanos;
    }

    void close() {
        Link l = link;
        if (l != null) {
            l.close();
        }
    }
}
