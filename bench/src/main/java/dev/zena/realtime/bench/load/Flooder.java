package dev.zena.realtime.bench.load;

import dev.zena.realtime.bench.client.Link;
import dev.zena.realtime.bench.client.LinkListener;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * One connection of the noisy tenant: authenticates, then is flooded by the driver (or, as a storm handshake,
 * closes at once). Counts what the server answered into a shared {@link Counts}.
 */
final class Flooder implements LinkListener {

    /** What all flooders saw; thread-safe. */
    static final class Counts {
        final LongAdder handshakes = new LongAdder();
        final LongAdder authenticated = new LongAdder();
        final LongAdder framesSent = new LongAdder();
        final LongAdder rateLimitedReplies = new LongAdder();
        final LongAdder otherErrors = new LongAdder();
        final LongAdder pongs = new LongAdder();
        final Map<Integer, LongAdder> closes = new ConcurrentHashMap<>();
        final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

        Map<String, Long> closes() {
            Map<String, Long> out = new TreeMap<>();
            closes.forEach((code, n) -> out.put(String.valueOf(code), n.sum()));
            return out;
        }

        Map<String, Long> failures() {
            Map<String, Long> out = new TreeMap<>();
            failures.forEach((why, n) -> out.put(why, n.sum()));
            return out;
        }

        long closed(int code) {
            LongAdder n = closes.get(code);
            return n == null ? 0 : n.sum();
        }
    }

    private final String token;
    private final boolean closeWhenAuthenticated;
    private final Counts counts;
    private volatile Link link;
    private volatile boolean isReady;
    private volatile boolean isClosed;

    Flooder(String token, boolean closeWhenAuthenticated, Counts counts) {
        this.token = token;
        this.closeWhenAuthenticated = closeWhenAuthenticated;
        this.counts = counts;
        counts.handshakes.increment();
    }

    @Override
    public void opened(Link opened) {
        this.link = opened;
    }

    @Override
    public void text(Link from, String text) {
        if (text.startsWith("{\"type\":\"connection\"")) {
            from.send(Dialect.ZENA.authenticate(token));
        } else if (text.startsWith("{\"type\":\"authentication\"")) {
            counts.authenticated.increment();
            if (closeWhenAuthenticated) {
                from.close();
            } else {
                isReady = true;
            }
        } else if (text.startsWith("{\"type\":\"error\"")) {
            if (text.contains("RATE_LIMITED")) {
                counts.rateLimitedReplies.increment();
            } else {
                counts.otherErrors.increment();
            }
        } else if (text.startsWith("{\"type\":\"pong\"")) {
            counts.pongs.increment();
        }
    }

    @Override
    public void closed(Link from, int code, String reason) {
        if (isClosed) {
            return;
        }
        isClosed = true;
        isReady = false;
        counts.closes.computeIfAbsent(code, c -> new LongAdder()).increment();
        if (code == -1) {
            String key = reason == null ? "?" : reason.length() > 60 ? reason.substring(0, 60) : reason;
            counts.failures.computeIfAbsent(key, k -> new LongAdder()).increment();
        }
    }

    /** Sends {@code frames} pings if authenticated and open. */
    void flood(int frames) {
        Link l = link;
        if (!isReady || l == null) {
            return;
        }
        for (int i = 0; i < frames; i++) {
            l.send("{\"type\":\"ping\"}");
        }
        counts.framesSent.add(frames);
    }

    boolean isClosed() {
        return isClosed;
    }

    void close() {
        Link l = link;
        if (l != null) {
            l.close();
        }
    }
}
