package dev.zena.realtime.broker;

import java.time.Clock;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker of a cluster of nodes sharing one Redis (SPEC §11). Publishing is one Lua script
 * ({@link StreamHistory}) that stamps the event with its channel's next offset, keeps it in the channel's history
 * stream and PUBLISHes it on the channel's pub/sub channel {@code zena:{channel}}; every node subscribed to that
 * channel delivers it locally from its pub/sub copy through the channel's {@link ChannelFeed} (offset order, gaps
 * filled from history or answered by a resync, never on Lettuce's I/O thread); the publishing node delivers its own
 * publication on the publisher's thread when it is next in line, and drops its pub/sub copy (ADR 0034). A node
 * subscribes only to the channels its connections hold ({@link Subscriptions}), never to every channel.
 *
 * <p>Fails fast (see {@link RedisLink}): a call that needs Redis throws {@link BrokerUnavailableException} while
 * it is unreachable, and nothing is queued for later. Lettuce reconnects on its own and subscribes again to every
 * channel; each channel's feed then catches up from its position. Positions, history and forgetting follow
 * {@link MemoryBroker} under the same contract, by the node's injected clock. Thread-safe.
 */
public final class RedisBroker implements Broker {

    private static final Logger LOG = LoggerFactory.getLogger(RedisBroker.class);
    private static final LocalDelivery NOWHERE = (channel, stamp) -> 0;
    /** How long a local publish waits for its own pub/sub copy to be delivered on this node. */
    static final Duration OWN_DELIVERY_WAIT = Duration.ofSeconds(2);
    /** Threads delivering the channels' pub/sub messages locally (each channel on one at a time). */
    private static final int WORKERS = 2;

    private final RedisLink link;
    private final StreamHistory history;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final Subscriptions subscriptions;
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
        PublicationCodec codec = new PublicationCodec();
        this.history = new StreamHistory(link, clock, historySize, historyTtl, codec);
        history.load();
        this.workers = Executors.newFixedThreadPool(WORKERS, threads("redis-broker-lane"));
        this.timer = Executors.newSingleThreadScheduledExecutor(threads("redis-broker-timer"));
        ChannelFeed.Source source = new ChannelFeed.Source() {
            @Override
            public Position position(String channel) {
                return history.position(channel);
            }

            @Override
            public History history(String channel, long after, int limit) {
                return history.history(channel, after, limit);
            }

            @Override
            public Position startOver(String channel, Position stale) {
                return history.startOver(channel, stale.epoch());
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
        try {
            this.subscriptions = new Subscriptions(
                    link,
                    channel -> new ChannelFeed(channel, source, workers, codec, historySize),
                    history::position,
                    timer);
        } catch (RuntimeException e) {
            timer.shutdownNow();
            workers.shutdownNow();
            throw e;
        }
        LOG.info("broker_redis_ready prefix={}", link.prefix());
    }

    @Override
    public void attach(LocalDelivery newDelivery) {
        this.delivery = newDelivery;
    }

    @Override
    public void subscribe(String channel) {
        subscriptions.subscribe(channel);
    }

    @Override
    public void unsubscribe(String channel) {
        subscriptions.unsubscribe(channel);
    }

    @Override
    public int publish(Envelope envelope) {
        return publishOnce(envelope, null, 0).getAsInt();
    }

    /**
     * {@link #publish}, and with a {@code claim} key (in the channel's hash tag) the replay guard's claim in the
     * same script (SPEC §6, §11): when the key is set already nothing is published and the answer is empty;
     * otherwise it is set until {@code claimExpiresAtSecond}.
     *
     * @throws BrokerUnavailableException when Redis cannot be reached (nothing was claimed then, or its fate is
     *         unknown after a timeout)
     */
    public OptionalInt publishOnce(Envelope envelope, String claim, long claimExpiresAtSecond) {
        ChannelFeed feed = subscriptions.feed(envelope.channel());
        if (feed == null) {
            return history.publish(envelope, claim, claimExpiresAtSecond) == null
                    ? OptionalInt.empty()
                    : OptionalInt.of(0);
        }
        feed.expectOwn();
        Publication stamped;
        try {
            stamped = history.publish(envelope, claim, claimExpiresAtSecond);
        } catch (RuntimeException | Error e) {
            feed.abandonOwn(); // else the lane would wait for this publisher forever
            throw e;
        }
        if (stamped == null) {
            feed.abandonOwn();
            return OptionalInt.empty();
        }
        feed.deliverOwn(stamped);
        return OptionalInt.of(feed.progress.await(new Position(stamped.offset(), stamped.epoch()), OWN_DELIVERY_WAIT));
    }

    @Override
    public void publishPresence(String tenantId, String channel, String message) {
        link.call(redis -> redis.publish(
                link.channelName(channel) + Subscriptions.PRESENCE, PublicationCodec.presence(tenantId, message)));
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
    public void evictExpired() {}

    @Override
    public boolean isAvailable() {
        return !isClosed && link.isConnected() && subscriptions.isOpen();
    }

    /** Messages waiting in this node's channel lanes plus publishers waiting for delivery (for tests). */
    int backlog() {
        return subscriptions.backlog();
    }

    /** Called at shutdown, before the link is closed; later calls are no-ops. */
    @Override
    public void close() {
        if (isClosed) {
            return;
        }
        isClosed = true;
        delivery = NOWHERE;
        subscriptions.close();
        timer.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(2, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
