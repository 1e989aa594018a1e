package dev.zena.realtime.broker;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The broker of a cluster of nodes sharing one Redis (SPEC §11). Publishing is one Lua script
 * ({@link StreamHistory}) that stamps the event with its channel's next offset, keeps it in the channel's history
 * stream and PUBLISHes it on the channel's pub/sub channel {@code zena:{channel}}; every node subscribed to that
 * channel, this one included, delivers it locally from its pub/sub copy, through the channel's {@link ChannelFeed}
 * (offset order, gaps filled from history or answered by a resync). A node subscribes only to the channels its
 * connections hold ({@link #subscribe}, called by the hub), never to every channel; presence messages travel on
 * {@code zena:{channel}:presence} beside them.
 *
 * <p>Fails fast (see {@link RedisLink}): a call that needs Redis throws {@link BrokerUnavailableException} while
 * it is unreachable. Lettuce reconnects on its own and subscribes again to every channel; each channel's feed then
 * catches up from its position. Positions, history and forgetting follow {@link MemoryBroker} under the same
 * contract, with the node's injected clock. Thread-safe.
 */
public final class RedisBroker implements Broker {

    private static final Logger LOG = LoggerFactory.getLogger(RedisBroker.class);
    private static final LocalDelivery NOWHERE = (channel, stamp) -> 0;
    /** How long a local publish waits for its own pub/sub copy to be delivered on this node. */
    static final Duration OWN_DELIVERY_WAIT = Duration.ofSeconds(2);
    private static final String PRESENCE = ":presence";
    private static final int WORKERS = 2;

    private final RedisLink link;
    private final StreamHistory history;
    private final PublicationCodec codec = new PublicationCodec();
    private final StatefulRedisPubSubConnection<String, String> pubSub;
    /** This node's subscribed channels, by product channel and by both their pub/sub names. */
    private final Map<String, ChannelFeed> feeds = new ConcurrentHashMap<>();
    private final Map<String, ChannelFeed> byName = new ConcurrentHashMap<>();
    private final Object[] locks = new Object[64];
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final ChannelFeed.Source source;
    private volatile LocalDelivery delivery = NOWHERE;
    private volatile boolean isClosed;

    /**
     * Connects to pub/sub through {@code link} (which stays the caller's to close, after this broker) and keeps
     * {@code historySize} events per channel, each for {@code historyTtl}, by {@code clock}.
     *
     * @throws BrokerUnavailableException when Redis cannot be reached now
     */
    public RedisBroker(RedisLink link, Clock clock, int historySize, Duration historyTtl) {
        this.link = link;
        this.history = new StreamHistory(link, clock, historySize, historyTtl, codec);
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
        history.load();
        this.workers = Executors.newFixedThreadPool(WORKERS, threads("redis-broker-lane"));
        this.timer = Executors.newSingleThreadScheduledExecutor(threads("redis-broker-timer"));
        this.source = new ChannelFeed.Source() {
            @Override
            public Position position(String channel) {
                return history.position(channel);
            }

            @Override
            public History history(String channel, long after, int limit) {
                return history.history(channel, after, limit);
            }

            @Override
            public void later(Runnable task, Duration delay) {
                try {
                    timer.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException e) {
                    // closing: no more catching up
                }
            }

            @Override
            public LocalDelivery delivery() {
                return delivery;
            }
        };
        this.pubSub = link.connectPubSub();
        pubSub.addListener(new Listener());
        LOG.info("broker_redis_ready prefix={}", link.prefix());
    }

    @Override
    public void attach(LocalDelivery newDelivery) {
        this.delivery = newDelivery;
    }

    @Override
    public void subscribe(String channel) {
        synchronized (lock(channel)) {
            ChannelFeed existing = feeds.get(channel);
            if (existing != null) {
                existing.interest++;
                return;
            }
            ChannelFeed feed = new ChannelFeed(channel, source, workers, codec, history.size());
            String events = link.channelName(channel);
            byName.put(events, feed);
            byName.put(events + PRESENCE, feed);
            feeds.put(channel, feed);
            try {
                link.guard(() -> {
                    pubSub.sync().subscribe(events, events + PRESENCE);
                    return null;
                });
                feed.prime(history.position(channel));
            } catch (RuntimeException e) {
                drop(feed);
                throw e;
            }
        }
    }

    @Override
    public void unsubscribe(String channel) {
        synchronized (lock(channel)) {
            ChannelFeed feed = feeds.get(channel);
            if (feed == null || --feed.interest > 0) {
                return;
            }
            drop(feed);
        }
    }

    @Override
    public int publish(Envelope envelope) {
        ChannelFeed feed = feeds.get(envelope.channel());
        if (feed == null) {
            history.publish(envelope);
            return 0;
        }
        feed.expectDelivery();
        Position stamped;
        try {
            stamped = history.publish(envelope);
        } catch (RuntimeException e) {
            feed.abandonDelivery();
            throw e;
        }
        return feed.awaitDelivery(stamped, OWN_DELIVERY_WAIT);
    }

    @Override
    public void publishPresence(String tenantId, String channel, String message) {
        link.call(redis -> redis.publish(link.channelName(channel) + PRESENCE,
                PublicationCodec.presence(tenantId, message)));
    }

    @Override
    public Position position(String channel) {
        return history.position(channel);
    }

    @Override
    public History history(String channel, long after, int limit) {
        return history.history(channel, after, limit);
    }

    /** Nothing to do: the history script drops expired events, and Redis expires silent channels' keys. */
    @Override
    public void evictExpired() {
    }

    @Override
    public boolean isAvailable() {
        return !isClosed && link.isConnected() && pubSub.isOpen();
    }

    /** Messages waiting in this node's channel lanes plus publishers waiting for delivery (for tests). */
    int backlog() {
        return feeds.values().stream().mapToInt(f -> f.backlog() + f.waiting()).sum();
    }

    /** Called at shutdown, before the link is closed; later calls are no-ops. */
    @Override
    public void close() {
        if (isClosed) {
            return;
        }
        isClosed = true;
        delivery = NOWHERE;
        feeds.values().forEach(ChannelFeed::close);
        feeds.clear();
        byName.clear();
        timer.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(2, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pubSub.close();
    }

    /** Forgets a feed and leaves its pub/sub channels (left for later when Redis is unreachable now). */
    private void drop(ChannelFeed feed) {
        String events = link.channelName(feed.channel);
        feeds.remove(feed.channel, feed);
        byName.remove(events, feed);
        byName.remove(events + PRESENCE, feed);
        feed.close();
        try {
            link.guard(() -> {
                pubSub.sync().unsubscribe(events, events + PRESENCE);
                return null;
            });
        } catch (BrokerUnavailableException e) {
            // Lettuce may subscribe to it again after reconnecting; the listener then leaves it (see below).
            LOG.debug("broker_unsubscribe_deferred channel={}", feed.channel);
        }
    }

    private Object lock(String channel) {
        return locks[Math.floorMod(channel.hashCode(), locks.length)];
    }

    /** The product channel of a pub/sub name of this prefix, or null. */
    private String channelOf(String name) {
        String head = link.prefix() + ":{";
        if (!name.startsWith(head)) {
            return null;
        }
        String tail = name.endsWith("}" + PRESENCE) ? "}" + PRESENCE : "}";
        return name.endsWith(tail) ? name.substring(head.length(), name.length() - tail.length()) : null;
    }

    /** Runs on Lettuce's I/O thread: only hands messages over, never delivers or blocks here. */
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
                    feed.resubscribed();
                }
                return;
            }
            String channel = channelOf(name);
            if (channel != null && !isClosed) {
                // Subscribed again by Lettuce after a reconnect, though no local holder wants it any more.
                later(() -> {
                    synchronized (lock(channel)) {
                        if (!feeds.containsKey(channel)) {
                            try {
                                link.guard(() -> {
                                    pubSub.sync().unsubscribe(name);
                                    return null;
                                });
                            } catch (BrokerUnavailableException e) {
                                LOG.debug("broker_unsubscribe_deferred channel={}", channel);
                            }
                        }
                    }
                });
            }
        }
    }

    private void later(Runnable task) {
        try {
            timer.execute(task);
        } catch (RejectedExecutionException e) {
            // closing: nothing left to clean up for
        }
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
