package dev.zena.realtime.broker;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One channel this node subscribed to in a {@link RedisBroker}: the lane its pub/sub messages go through on the
 * way to the local delivery. Lettuce's I/O thread only queues a message ({@link #offer}); the broker's workers
 * drain the queue, one drain per channel at a time, so a channel's publications reach the delivery in the order
 * they arrive and never on the I/O thread. The lane remembers the last position delivered and lets through only
 * the next offset: an older one is dropped (already delivered), a later one first fetches the missing offsets
 * from the history stream, and when those are gone (or the epoch changed) it asks for a {@code resync} and goes
 * on from there. A catch-up, queued after Lettuce re-subscribes following a reconnect (or after the queue
 * overflowed), compares the channel's position in Redis with the last delivered the same way.
 *
 * <p>A publisher on this node delivers its own publication on its own thread when the lane is idle
 * ({@link #deliverOwn}): it first handles what waits in the queue, then its publication if that is next in line. While
 * a local publish is in flight the I/O thread queues messages without waking a worker (the publisher will handle
 * them, or hand them to a worker when it cannot), and drops a message already delivered (the publisher's own pub/sub
 * copy) without queuing it. The copy most often arrives while the publisher is still delivering (the script's answer
 * and the copy leave Redis together), so it is queued then; the publisher drops it from the queue when it is done,
 * and reads a copy that came before its answer as the publication it holds rather than decoding it. A publish then
 * costs this node no worker wake-up, no decoding and no wait for its own copy (ADR 0034).
 * Publishers wait for their publication's local delivery count in its {@link #progress}. Memory is
 * bounded: at most {@link #MAX_QUEUED} messages wait per channel; beyond that they are dropped and fetched back
 * from history.
 */
final class ChannelFeed {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelFeed.class);
    /** Most messages waiting for the lane; more are dropped and recovered from history by a catch-up. */
    static final int MAX_QUEUED = 10_000;
    /** Messages handled per drain before the lane yields its worker to other channels. */
    private static final int BATCH = 64;

    private static final Duration CATCH_UP_RETRY = Duration.ofMillis(250);

    /** What the lane reads from Redis; each call may throw {@link BrokerUnavailableException}. */
    interface Source {
        Position position(String channel);

        History history(String channel, long after, int limit);

        /**
         * Called when Redis stands below what this lane delivered in {@code stale}'s epoch (it lost writes): starts
         * the channel over in a new epoch unless another node already did, and answers where it stands.
         */
        Position startOver(String channel, Position stale);

        /** Runs {@code task} after {@code delay} (a catch-up retry). */
        void later(Runnable task, Duration delay);

        Broker.LocalDelivery delivery();
    }

    private sealed interface Item permits Message, Presence, CatchUp {}

    private record Message(String text) implements Item {}

    private record Presence(String text) implements Item {}

    private record CatchUp() implements Item {}

    final String channel;
    /** Holders-go-from-none-to-one calls not yet undone; guarded by the broker's lock for the channel. */
    int interest = 1;

    private final Source source;
    private final Executor workers;
    private final PublicationCodec codec;
    private final int historySize;
    private final Queue<Item> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    /** Held by whoever handles the lane's items: a worker's drain, or a local publisher in {@link #deliverOwn}. */
    private final AtomicBoolean isScheduled = new AtomicBoolean();
    /** Local publishers between {@link #expectOwn} and {@link #deliverOwn} (or {@link #abandonOwn}). */
    private final AtomicInteger ownInFlight = new AtomicInteger();

    private volatile boolean isPrimed;
    private volatile boolean isClosed;
    private volatile boolean needsCatchUp;

    /** The last position delivered and the local publishers waiting for theirs. */
    final ChannelProgress progress;

    ChannelFeed(String channel, Source source, Executor workers, PublicationCodec codec, int historySize) {
        this.channel = channel;
        this.source = source;
        this.workers = workers;
        this.codec = codec;
        this.historySize = historySize;
        this.progress = new ChannelProgress(channel);
    }

    /**
     * Called once the pub/sub subscription is in effect, with the channel's position read after it: messages up
     * to it are dropped, the ones after it delivered. Messages received before this wait in the queue.
     */
    void prime(Position position) {
        progress.skipTo(position);
        isPrimed = true;
        schedule();
    }

    boolean isPrimed() {
        return isPrimed;
    }

    /** Called on Lettuce's I/O thread for each message of the channel's pub/sub channels. */
    void offer(String text, boolean isPresence) {
        if (isClosed) {
            return;
        }
        if (!isPresence && isPrimed && PublicationCodec.isAtOrBefore(text, progress.last())) {
            return; // delivered already, most often by its local publisher (see deliverOwn)
        }
        if (queued.incrementAndGet() > MAX_QUEUED) {
            queued.decrementAndGet();
            if (!needsCatchUp) {
                LOG.warn("broker_lane_overflow channel={} queued={}", channel, MAX_QUEUED);
            }
            needsCatchUp = true;
            return;
        }
        queue.add(isPresence ? new Presence(text) : new Message(text));
        if (ownInFlight.get() == 0) {
            schedule();
        } // else the local publisher in flight handles it, or schedules a worker when it cannot
    }

    /**
     * Called by a local publisher before its publish script runs (its pub/sub copy may arrive before the script's
     * answer): pair with {@link #deliverOwn} once the script answered, or {@link #abandonOwn} when it failed.
     */
    void expectOwn() {
        ownInFlight.incrementAndGet();
        progress.expect();
    }

    /** Called when a publish announced by {@link #expectOwn} did not happen (it failed, or was a replay). */
    void abandonOwn() {
        progress.abandon();
        release();
    }

    /**
     * Called by a local publisher with its publication as Redis stamped it: when no worker holds the lane, handles
     * what waits in it and then delivers {@code own} on the publisher's thread if it is next in line; otherwise
     * leaves it to the lane, from its pub/sub copy. Either way the publisher then awaits its count in
     * {@link #progress}.
     */
    void deliverOwn(Publication own) {
        try {
            if (isPrimed && !isClosed && isScheduled.compareAndSet(false, true)) {
                try {
                    handleQueued(own);
                    Position last = progress.last();
                    if (!isClosed && own.epoch().equals(last.epoch()) && own.offset() == last.offset() + 1) {
                        deliver(own);
                    }
                } catch (RuntimeException e) {
                    LOG.error("broker_lane_failed channel={}", channel, e);
                } finally {
                    isScheduled.set(false);
                }
            }
        } finally {
            release();
        }
    }

    /**
     * One local publisher is done with the lane: drops what was queued meanwhile and is delivered already (its own
     * pub/sub copy, queued while it delivered); whatever else it left queued goes to a worker.
     */
    private void release() {
        ownInFlight.decrementAndGet();
        if (!queue.isEmpty() && isPrimed && isScheduled.compareAndSet(false, true)) {
            try {
                dropDelivered();
            } finally {
                isScheduled.set(false);
            }
        }
        if (!queue.isEmpty() || needsCatchUp) {
            schedule();
        }
    }

    /** Drops the messages at the head of the queue that were delivered already; the caller holds the lane. */
    private void dropDelivered() {
        Position last = progress.last();
        while (queue.peek() instanceof Message message && PublicationCodec.isAtOrBefore(message.text(), last)) {
            queue.poll(); // the one peeked: only the lane's holder takes from the queue
            queued.decrementAndGet();
        }
    }

    /** Called on Lettuce's I/O thread when the pub/sub subscription was made again after a reconnect. */
    void resubscribed() {
        if (isClosed) {
            return;
        }
        queued.incrementAndGet();
        queue.add(new CatchUp());
        schedule();
    }

    /** Called when the channel's last local holder left: drops what is queued and releases waiting publishers. */
    void close() {
        isClosed = true;
        queue.clear();
        queued.set(0);
        progress.close();
    }

    /** Messages waiting for the lane (for tests and metrics). */
    int backlog() {
        return queued.get();
    }

    private void schedule() {
        if (isPrimed && !isClosed && isScheduled.compareAndSet(false, true)) {
            try {
                workers.execute(this::drain);
            } catch (RejectedExecutionException e) {
                isScheduled.set(false); // the broker is closing
            }
        }
    }

    private void drain() {
        try {
            handleQueued(null);
        } catch (RuntimeException e) {
            LOG.error("broker_lane_failed channel={}", channel, e);
        } finally {
            isScheduled.set(false);
            if (!queue.isEmpty() || needsCatchUp) {
                schedule();
            }
        }
    }

    /**
     * Handles up to {@link #BATCH} queued items, then a catch-up if one is due; the caller holds the lane. A local
     * publisher passes its publication as {@code own} (else null): its pub/sub copy, if queued, is taken as it.
     */
    private void handleQueued(Publication own) {
        for (int i = 0; i < BATCH && !isClosed; i++) {
            Item item = queue.poll();
            if (item == null) {
                break;
            }
            queued.decrementAndGet();
            handle(item, own);
        }
        if (needsCatchUp && queue.isEmpty() && !isClosed) {
            needsCatchUp = false;
            catchUp();
        }
    }

    private void handle(Item item, Publication own) {
        if (item instanceof Message message) {
            String text = message.text();
            if (PublicationCodec.isAtOrBefore(text, progress.last())) {
                return; // delivered already: no need to decode it
            }
            boolean isOwn = own != null
                    && PublicationCodec.isAtOrBefore(text, new Position(own.offset(), own.epoch()))
                    && !PublicationCodec.isAtOrBefore(text, new Position(own.offset() - 1, own.epoch()));
            accept(isOwn ? own : codec.fromMessage(channel, text));
        } else if (item instanceof Presence presence) {
            String[] parts = PublicationCodec.fromPresence(presence.text());
            source.delivery().deliverPresence(parts[0], channel, parts[1]);
        } else {
            catchUp();
        }
    }

    private void accept(Publication publication) {
        Position last = progress.last();
        if (!publication.epoch().equals(last.epoch())) {
            resync(new Position(publication.offset() - 1, publication.epoch()), "epoch_changed");
        } else if (publication.offset() <= last.offset()) {
            return; // delivered already: from history, or before this node subscribed
        } else if (publication.offset() > last.offset() + 1) {
            fill(last.offset(), publication.offset() - 1, last.epoch());
        }
        deliver(publication);
    }

    /** Asks Redis where the channel stands and delivers what this node missed up to there, or resyncs. */
    private void catchUp() {
        Position now;
        try {
            now = source.position(channel);
        } catch (BrokerUnavailableException e) {
            source.later(
                    () -> {
                        needsCatchUp = true;
                        schedule();
                    },
                    CATCH_UP_RETRY);
            return;
        }
        Position last = progress.last();
        if (!now.epoch().equals(last.epoch())) {
            resync(now, "epoch_changed");
        } else if (now.offset() > last.offset()) {
            fill(last.offset(), now.offset(), last.epoch());
        } else if (now.offset() < last.offset()) {
            // Redis stands below an offset it gave out: it lost its last writes (restarted from an AOF or RDB
            // that missed them, or failed over to a replica that lagged) and would number new events with offsets
            // already told to clients. The epoch's numbering is spoiled for everyone, offline clients' saved
            // positions included: the channel starts over in a new epoch, and the holders reload.
            LOG.warn("broker_offset_rewound channel={} delivered={} redis={}", channel, last.offset(), now.offset());
            Position restarted;
            try {
                restarted = source.startOver(channel, last);
            } catch (BrokerUnavailableException e) {
                source.later(
                        () -> {
                            needsCatchUp = true;
                            schedule();
                        },
                        CATCH_UP_RETRY);
                return;
            }
            resync(restarted, "epoch_changed");
        }
    }

    /** Delivers the offsets after {@code last} up to {@code upTo} from the history, or resyncs at {@code upTo}. */
    private void fill(long last, long upTo, String epoch) {
        long missing = upTo - last;
        String reason = "offset_expired";
        if (missing <= historySize) {
            try {
                History history = source.history(channel, last, (int) missing);
                if (!history.position().epoch().equals(epoch)) {
                    reason = "epoch_changed";
                } else if (history.keepsEverythingAfter(last)
                        && history.events().size() == missing) {
                    history.events().forEach(this::deliver);
                    return;
                }
            } catch (BrokerUnavailableException e) {
                reason = "history_unavailable";
            }
        }
        resync(new Position(upTo, epoch), reason);
    }

    private void resync(Position position, String reason) {
        LOG.info("broker_resync channel={} offset={} reason={}", channel, position.offset(), reason);
        progress.skipTo(position);
        source.delivery().resync(channel, position, reason);
    }

    private void deliver(Publication publication) {
        progress.delivered(publication, source.delivery().deliver(channel, () -> publication));
    }
}
