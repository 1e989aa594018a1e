package dev.zena.realtime.broker;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far the local delivery of one channel got in a {@link RedisBroker} (the last position delivered or skipped
 * by a resync), and the local publishers waiting for it to pass their own offset. A publisher announces itself
 * before its publish script runs ({@link #expect}), because its pub/sub copy may be delivered before the script's
 * answer reaches it; delivery counts are remembered for it only while some publisher is announced, at most
 * {@link #MAX_RECENT}. Guarded by its own monitor.
 */
final class ChannelProgress {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelProgress.class);
    private static final int MAX_RECENT = 1024;

    private final String channel;
    private Position last;
    private boolean isClosed;
    private int publishing;
    private final Map<String, CompletableFuture<Integer>> waiters = new HashMap<>();
    private final Map<String, Integer> recent = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > MAX_RECENT;
        }
    };

    ChannelProgress(String channel) {
        this.channel = channel;
    }

    /** The last position delivered or skipped; null before the feed was primed. */
    synchronized Position last() {
        return last;
    }

    /** Called by the lane after {@code publication} was queued to {@code count} local connections. */
    synchronized void delivered(Publication publication, int count) {
        last = new Position(publication.offset(), publication.epoch());
        String key = key(publication.offset(), publication.epoch());
        CompletableFuture<Integer> waiter = waiters.remove(key);
        if (waiter != null) {
            waiter.complete(count);
        } else if (publishing > 0) {
            recent.put(key, count);
        }
    }

    /** Moves past {@code position} without delivering; publishers waiting for what it passed get 0. */
    synchronized void skipTo(Position position) {
        last = position;
        for (Iterator<Map.Entry<String, CompletableFuture<Integer>>> it =
                        waiters.entrySet().iterator();
                it.hasNext(); ) {
            Map.Entry<String, CompletableFuture<Integer>> entry = it.next();
            String key = entry.getKey();
            int colon = key.indexOf(':');
            if (!key.substring(colon + 1).equals(position.epoch())
                    || Long.parseLong(key.substring(0, colon)) <= position.offset()) {
                entry.getValue().complete(0);
                it.remove();
            }
        }
    }

    /** Called before a local publish: pair with {@link #await} or, when the publish failed, {@link #abandon}. */
    synchronized void expect() {
        publishing++;
    }

    /** Called when a publish announced by {@link #expect} failed. */
    synchronized void abandon() {
        if (--publishing == 0) {
            recent.clear();
        }
    }

    /**
     * Called by a local publisher once Redis stamped its event at {@code position}: waits at most {@code max} for
     * its local delivery and answers how many connections it was queued to (0 when the wait ran out, a resync
     * skipped it, or the channel was unsubscribed).
     */
    int await(Position position, Duration max) {
        String key = key(position.offset(), position.epoch());
        CompletableFuture<Integer> waiter;
        synchronized (this) {
            try {
                Integer count = recent.remove(key);
                if (count != null) {
                    return count;
                }
                if (isClosed
                        || last != null
                                && last.epoch().equals(position.epoch())
                                && position.offset() <= last.offset()) {
                    return 0;
                }
                waiter = waiters.computeIfAbsent(key, k -> new CompletableFuture<>());
            } finally {
                abandon();
            }
        }
        try {
            return waiter.get(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn(
                    "broker_own_delivery_late channel={} offset={} waited_ms={}",
                    channel,
                    position.offset(),
                    max.toMillis());
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (ExecutionException e) {
            return 0;
        } finally {
            synchronized (this) {
                waiters.remove(key, waiter);
            }
        }
    }

    /** Called when the channel is unsubscribed: waiting publishers get 0. */
    synchronized void close() {
        isClosed = true;
        waiters.values().forEach(w -> w.complete(0));
        waiters.clear();
        recent.clear();
    }

    /** Publishers waiting for their delivery (for tests). */
    synchronized int waiting() {
        return waiters.size();
    }

    private static String key(long offset, String epoch) {
        return offset + ":" + epoch;
    }
}
