package dev.zena.realtime.broker;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's pub/sub subscriptions in a {@link RedisBroker}: one per channel its connections hold (the channel's
 * events on {@code zena:{channel}} and its presence messages on {@code zena:{channel}:presence}), each feeding its
 * {@link ChannelFeed}. Subscribing and unsubscribing a channel are serialised by a lock per channel (striped);
 * the pub/sub listener runs on Lettuce's I/O thread and only hands messages over. Lettuce subscribes again to
 * every channel after a reconnect: for a held channel that starts its feed's catch-up, for one no longer held
 * (its unsubscribe failed while Redis was unreachable) it is left again. Thread-safe.
 */
final class Subscriptions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Subscriptions.class);
    static final String PRESENCE = ":presence";

    private final RedisLink link;
    private final StatefulRedisPubSubConnection<String, String> pubSub;
    private final Function<String, ChannelFeed> newFeed;
    private final Function<String, Position> positions;
    private final Executor cleanup;
    private final Map<String, ChannelFeed> feeds = new ConcurrentHashMap<>();
    private final Map<String, ChannelFeed> byName = new ConcurrentHashMap<>();
    private final Object[] locks = new Object[64];
    private volatile boolean isClosed;

    /**
     * Opens the pub/sub connection; {@code newFeed} makes a channel's feed, {@code positions} reads a channel's
     * position, {@code cleanup} runs the leaving of channels no longer held (off the I/O thread).
     */
    Subscriptions(
            RedisLink link,
            Function<String, ChannelFeed> newFeed,
            Function<String, Position> positions,
            Executor cleanup) {
        this.link = link;
        this.newFeed = newFeed;
        this.positions = positions;
        this.cleanup = cleanup;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
        this.pubSub = link.connectPubSub();
        pubSub.addListener(new Listener());
    }

    /** See {@link Broker#subscribe}: the pub/sub subscription is confirmed, then the feed primed. */
    void subscribe(String channel) {
        synchronized (lock(channel)) {
            ChannelFeed existing = feeds.get(channel);
            if (existing != null) {
                existing.interest++;
                return;
            }
            ChannelFeed feed = newFeed.apply(channel);
            String events = link.channelName(channel);
            byName.put(events, feed);
            byName.put(events + PRESENCE, feed);
            feeds.put(channel, feed);
            try {
                link.guard(() -> {
                    pubSub.sync().subscribe(events, events + PRESENCE);
                    return null;
                });
                // Read after the subscription is in effect: every later publication reaches the feed.
                feed.prime(positions.apply(channel));
            } catch (RuntimeException e) {
                drop(feed);
                throw e;
            }
        }
    }

    /** See {@link Broker#unsubscribe}. */
    void unsubscribe(String channel) {
        synchronized (lock(channel)) {
            ChannelFeed feed = feeds.get(channel);
            if (feed != null && --feed.interest == 0) {
                drop(feed);
            }
        }
    }

    /** The feed of a subscribed channel, or null. */
    ChannelFeed feed(String channel) {
        return feeds.get(channel);
    }

    boolean isOpen() {
        return !isClosed && pubSub.isOpen();
    }

    /** Messages waiting in the feeds plus publishers waiting for their delivery (for tests). */
    int backlog() {
        return feeds.values().stream()
                .mapToInt(f -> f.backlog() + f.progress.waiting())
                .sum();
    }

    @Override
    public void close() {
        isClosed = true;
        feeds.values().forEach(ChannelFeed::close);
        feeds.clear();
        byName.clear();
        pubSub.close();
    }

    /** Forgets a feed and leaves its pub/sub channels (later, when Redis is unreachable now). */
    private void drop(ChannelFeed feed) {
        String events = link.channelName(feed.channel);
        feeds.remove(feed.channel, feed);
        byName.remove(events, feed);
        byName.remove(events + PRESENCE, feed);
        feed.close();
        leave(feed.channel, events, events + PRESENCE);
    }

    private void leave(String channel, String... names) {
        try {
            link.guard(() -> {
                pubSub.sync().unsubscribe(names);
                return null;
            });
        } catch (BrokerUnavailableException e) {
            // Lettuce may subscribe to it again after reconnecting; the listener then leaves it.
            LOG.debug("broker_unsubscribe_deferred channel={}", channel);
        }
    }

    private Object lock(String channel) {
        return locks[Math.floorMod(channel.hashCode(), locks.length)];
    }

    /** The product channel of a pub/sub name of this prefix, or null. */
    private String channelOf(String name) {
        String head = link.prefix() + ":{";
        String tail = name.endsWith("}" + PRESENCE) ? "}" + PRESENCE : "}";
        return name.startsWith(head) && name.endsWith(tail) && name.length() >= head.length() + tail.length()
                ? name.substring(head.length(), name.length() - tail.length())
                : null;
    }

    /** Runs on Lettuce's I/O thread: hands over, never delivers or blocks. */
    private final class Listener extends RedisPubSubAdapter<String, String> {

        @Override
        public void message(String name, String message) {
            ChannelFeed feed = byName.get(name);
            if (feed != null) {
                feed.offer(message, name.endsWith(PRESENCE));
            }
        }

        @Override
        public void subscribed(String name, long count) {
            ChannelFeed feed = byName.get(name);
            if (feed != null) {
                if (feed.isPrimed() && !name.endsWith(PRESENCE)) {
                    feed.resubscribed(); // after a reconnect: pub/sub may have lost publications meanwhile
                }
                return;
            }
            String channel = channelOf(name);
            if (channel == null || isClosed) {
                return;
            }
            try {
                cleanup.execute(() -> {
                    synchronized (lock(channel)) {
                        if (!feeds.containsKey(channel)) {
                            leave(channel, name);
                        }
                    }
                });
            } catch (RejectedExecutionException e) {
                // closing
            }
        }
    }
}
