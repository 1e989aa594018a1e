package dev.zena.realtime.broker;

import static dev.zena.realtime.broker.BrokerContract.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zena.realtime.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/**
 * The lane of one channel in the Redis broker, without Redis: a memory broker stands in for the channel's
 * position and history, and pub/sub messages are offered by hand, lost, repeated or reordered as pub/sub across a
 * reconnect can do. Whatever arrives, the local delivery sees each offset at most once and in order, and a gap it
 * cannot fill is a resync, never silence.
 */
class ChannelFeedTest {

    private static final String CHANNEL = "project.p1";

    private final TestClock clock = new TestClock(Instant.parse("2026-12-02T10:00:00Z"));
    private final PublicationCodec codec = new PublicationCodec();
    private final BrokerContract.Recorder delivered = new BrokerContract.Recorder();
    private boolean isHistoryDown;
    private MemoryBroker store;
    private final java.util.List<String> startedOver = new java.util.ArrayList<>();
    /** Runs inside each local delivery, before the lane records it as delivered. */
    private Runnable duringDelivery = () -> {};

    /** The channel's state in "Redis": the memory broker stamps and keeps what the test publishes. */
    private MemoryBroker store(int historySize) {
        store = new MemoryBroker(clock, historySize, Duration.ofMinutes(10));
        store.attach((channel, stamp) -> {
            stamp.get();
            return 0;
        });
        return store;
    }

    private ChannelFeed feed(Executor workers, int historySize) {
        return new ChannelFeed(
                CHANNEL,
                new ChannelFeed.Source() {
                    @Override
                    public Position position(String channel) {
                        if (isHistoryDown) {
                            throw new BrokerUnavailableException("down", null);
                        }
                        return store.position(channel);
                    }

                    @Override
                    public History history(String channel, long after, int limit) {
                        if (isHistoryDown) {
                            throw new BrokerUnavailableException("down", null);
                        }
                        return store.history(channel, after, limit);
                    }

                    @Override
                    public Position startOver(String channel, Position stale) {
                        startedOver.add(channel + " " + stale.epoch());
                        return new Position(0, "restarted");
                    }

                    @Override
                    public void later(Runnable task, Duration delay) {}

                    @Override
                    public Broker.LocalDelivery delivery() {
                        return new Broker.LocalDelivery() {
                            @Override
                            public int deliver(String channel, java.util.function.Supplier<Publication> stamp) {
                                int count = delivered.deliver(channel, stamp);
                                duringDelivery.run();
                                return count;
                            }

                            @Override
                            public void deliverPresence(String tenantId, String channel, String message) {
                                delivered.deliverPresence(tenantId, channel, message);
                            }

                            @Override
                            public void resync(String channel, Position position, String reason) {
                                delivered.resync(channel, position, reason);
                            }
                        };
                    }
                },
                workers,
                codec,
                historySize);
    }

    /** Publishes {@code count} events in the store and answers the pub/sub text of each, by offset (1-based). */
    private String[] publish(int count) {
        String[] messages = new String[count + 1];
        for (int i = 1; i <= count; i++) {
            store.publish(event(CHANNEL, i));
            messages[i] = message(store.history(CHANNEL, i - 1, 1).events().get(0));
        }
        return messages;
    }

    private String message(Publication p) {
        return p.offset() + " " + p.epoch() + " " + p.timestamp().toEpochMilli() + " " + codec.body(p.envelope());
    }

    @Test
    void eachOffsetIsDeliveredOnceInOrderAndRepeatsAreDropped() {
        store(10);
        ChannelFeed feed = feed(Runnable::run, 10);
        String epoch = store.position(CHANNEL).epoch();
        feed.prime(new Position(0, epoch));
        String[] m = publish(2);
        feed.offer(m[1], false);
        feed.offer(m[2], false);
        feed.offer(m[2], false);
        feed.offer(m[1], false);
        assertThat(delivered.offsets(CHANNEL)).containsExactly(1L, 2L);
        Publication first = delivered.byChannel.get(CHANNEL).get(0);
        assertThat(first.envelope()).isEqualTo(event(CHANNEL, 1));
        assertThat(first.timestamp()).isEqualTo(clock.instant());
        assertThat(delivered.resyncs).isEmpty();
    }

    @Test
    void aGapIsFilledFromHistoryInOrderBeforeTheLaterPublication() {
        store(10);
        ChannelFeed feed = feed(Runnable::run, 10);
        feed.prime(store.position(CHANNEL));
        String[] m = publish(5);
        feed.offer(m[1], false);
        feed.offer(m[4], false); // 2 and 3 were lost on the way
        feed.offer(m[3], false); // late: already delivered from history
        feed.offer(m[5], false);
        assertThat(delivered.offsets(CHANNEL)).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(delivered.byChannel.get(CHANNEL).get(1).envelope()).isEqualTo(event(CHANNEL, 2));
        assertThat(delivered.resyncs).isEmpty();
    }

    @Test
    void aGapLongerThanTheHistoryIsAResyncAndDeliveryGoesOnFromThere() {
        store(3);
        ChannelFeed feed = feed(Runnable::run, 3);
        feed.prime(store.position(CHANNEL));
        String[] m = publish(8);
        feed.offer(m[1], false);
        feed.offer(m[8], false);
        feed.offer(m[7], false);
        assertThat(delivered.resyncs).containsExactly(CHANNEL + " 7 offset_expired");
        assertThat(delivered.offsets(CHANNEL)).containsExactly(1L, 8L);
    }

    @Test
    void aGapWhileTheHistoryCannotBeReadIsAResync() {
        store(10);
        ChannelFeed feed = feed(Runnable::run, 10);
        feed.prime(store.position(CHANNEL));
        String[] m = publish(3);
        isHistoryDown = true;
        feed.offer(m[3], false);
        assertThat(delivered.resyncs).containsExactly(CHANNEL + " 2 history_unavailable");
        assertThat(delivered.offsets(CHANNEL)).containsExactly(3L);
    }

    @Test
    void aPublicationOfAnotherEpochIsAResyncBeforeIt() {
        store(10);
        ChannelFeed feed = feed(Runnable::run, 10);
        feed.prime(new Position(4, "an-older-epoch"));
        String[] m = publish(2);
        feed.offer(m[2], false);
        assertThat(delivered.resyncs).containsExactly(CHANNEL + " 1 epoch_changed");
        assertThat(delivered.offsets(CHANNEL)).containsExactly(2L);
    }

    @Test
    void messagesBeforeThePrimingWaitAndThoseItCoversAreDropped() {
        store(10);
        ChannelFeed feed = feed(Runnable::run, 10);
        String[] m = publish(3);
        feed.offer(m[1], false);
        feed.offer(m[2], false);
        assertThat(delivered.offsets(CHANNEL)).isEmpty();
        feed.prime(new Position(1, store.position(CHANNEL).epoch()));
        feed.offer(m[3], false);
        assertThat(delivered.offsets(CHANNEL)).containsExactly(2L, 3L);
    }

    @Test
    void aCatchUpAfterAReconnectDeliversWhatPubSubLost() {
        store(10);
        ChannelFeed feed = feed(Runnable::run, 10);
        feed.prime(store.position(CHANNEL));
        String[] m = publish(3);
        feed.offer(m[1], false);
        feed.resubscribed(); // 2 and 3 were published while this node was disconnected
        assertThat(delivered.offsets(CHANNEL)).containsExactly(1L, 2L, 3L);
        feed.resubscribed();
        assertThat(delivered.offsets(CHANNEL))
                .as("nothing new: nothing delivered")
                .hasSize(3);
    }

    @Test
    void aRedisThatLostItsLastWritesStartsTheChannelOverInANewEpochAndTheHoldersResync() {
        store(10);
        ChannelFeed feed = feed(Runnable::run, 10);
        publish(3);
        String epoch = store.position(CHANNEL).epoch();
        // this node delivered up to 5; Redis came back from a file that ended at 3 and would hand out 4 again
        feed.prime(new Position(5, epoch));
        feed.resubscribed();
        assertThat(startedOver).containsExactly(CHANNEL + " " + epoch);
        assertThat(delivered.resyncs).containsExactly(CHANNEL + " 0 epoch_changed");
        feed.resubscribed();
        assertThat(startedOver)
                .as("a channel in its new epoch is not started over again")
                .hasSize(1);
    }

    @Test
    void aLocalPublisherGetsTheCountOfItsOwnDelivery() {
        store(10);
        ChannelFeed feed = feed(Runnable::run, 10);
        feed.prime(store.position(CHANNEL));
        String[] m = publish(1);
        feed.progress.expect();
        feed.offer(m[1], false); // pub/sub can be faster than the publisher reading its script's answer
        assertThat(feed.progress.await(store.position(CHANNEL), Duration.ofSeconds(1)))
                .isEqualTo(1);
        assertThat(feed.progress.waiting()).isZero();
    }

    /** Publishes the next event in the store and answers it as stamped (what the publish script answers). */
    private Publication stamp(int n) {
        store.publish(event(CHANNEL, n));
        Position at = store.position(CHANNEL);
        return store.history(CHANNEL, at.offset() - 1, 1).events().get(0);
    }

    private final Queue<Runnable> workers = new ArrayDeque<>();

    /** A primed feed whose workers run only when the test says, with a local publish announced. */
    private ChannelFeed publishingFeed() {
        store(10);
        ChannelFeed feed = feed(workers::add, 10);
        feed.prime(store.position(CHANNEL));
        workers.poll().run(); // the priming's drain: nothing queued yet
        feed.expectOwn();
        return feed;
    }

    @Test
    void aLocalPublisherDeliversItsOwnPublicationOnItsThreadAndItsPubSubCopyIsDroppedUnqueued() {
        ChannelFeed feed = publishingFeed();
        Publication own = stamp(1);
        feed.deliverOwn(own);
        assertThat(delivered.offsets(CHANNEL)).containsExactly(1L);
        feed.offer(message(own), false); // its pub/sub copy, after the script's answer
        assertThat(feed.backlog()).as("the copy is dropped, not queued").isZero();
        assertThat(workers).as("no worker was woken for it").isEmpty();
        assertThat(feed.progress.await(new Position(own.offset(), own.epoch()), Duration.ofSeconds(1)))
                .isEqualTo(1);
        assertThat(delivered.offsets(CHANNEL)).containsExactly(1L);
    }

    @Test
    void aPubSubCopyArrivingWhileItsPublisherDeliversIsDroppedByThePublisherWithoutWakingAWorker() {
        ChannelFeed feed = publishingFeed();
        Publication own = stamp(1);
        // The script's answer and the copy leave Redis together: the copy most often lands during the delivery.
        duringDelivery = () -> feed.offer(message(own), false);
        feed.deliverOwn(own);
        assertThat(delivered.offsets(CHANNEL)).containsExactly(1L);
        assertThat(feed.backlog()).as("the publisher dropped its copy").isZero();
        assertThat(workers).as("no worker was woken for it").isEmpty();
        assertThat(feed.progress.await(new Position(own.offset(), own.epoch()), Duration.ofSeconds(1)))
                .isEqualTo(1);
    }

    @Test
    void aCopyThatCameBeforeTheScriptsAnswerIsDeliveredAsThePublicationThePublisherHoldsNotDecodedAgain() {
        ChannelFeed feed = publishingFeed();
        Publication own = stamp(1);
        feed.offer(message(own), false);
        feed.deliverOwn(own);
        assertThat(delivered.byChannel.get(CHANNEL)).singleElement().isSameAs(own);
        assertThat(workers).isEmpty();
        assertThat(feed.backlog()).isZero();
    }

    @Test
    void anotherNodesMessageQueuedDuringALocalDeliveryStillGoesToAWorker() {
        ChannelFeed feed = publishingFeed();
        Publication own = stamp(1);
        String next = message(stamp(2)); // another node's publish, right after
        duringDelivery = () -> {
            feed.offer(message(own), false);
            feed.offer(next, false);
        };
        feed.deliverOwn(own);
        duringDelivery = () -> {};
        assertThat(workers).as("the copy is dropped, the next message is not").hasSize(1);
        workers.poll().run();
        assertThat(delivered.offsets(CHANNEL)).containsExactly(1L, 2L);
        assertThat(feed.backlog()).isZero();
    }

    @Test
    void messagesArrivingWhileALocalPublishIsInFlightWaitForThePublisherWhoDeliversThemInOrderBeforeItsOwn() {
        ChannelFeed feed = publishingFeed();
        String other = message(stamp(1)); // another node's publish, stamped first
        Publication own = stamp(2);
        feed.offer(other, false);
        feed.offer(message(own), false); // pub/sub can be faster than the publisher reading its script's answer
        assertThat(workers).as("queued for the publisher in flight").isEmpty();
        assertThat(delivered.offsets(CHANNEL)).isEmpty();
        feed.deliverOwn(own);
        assertThat(delivered.offsets(CHANNEL)).containsExactly(1L, 2L);
        assertThat(workers).isEmpty();
        assertThat(feed.backlog()).isZero();
        assertThat(feed.progress.await(new Position(own.offset(), own.epoch()), Duration.ofSeconds(1)))
                .isEqualTo(1);
    }

    @Test
    void aPublisherWhosePublicationIsNotNextLeavesItToTheLaneWhichFillsTheGapFirst() {
        ChannelFeed feed = publishingFeed();
        String other = message(stamp(1)); // another node's, whose pub/sub copy is still on its way
        Publication own = stamp(2);
        feed.deliverOwn(own);
        assertThat(delivered.offsets(CHANNEL))
                .as("never ahead of a missing offset")
                .isEmpty();
        feed.offer(message(own), false);
        assertThat(workers).as("no publisher in flight: a worker is woken").hasSize(1);
        workers.poll().run();
        assertThat(delivered.offsets(CHANNEL)).containsExactly(1L, 2L);
        feed.offer(other, false);
        assertThat(delivered.offsets(CHANNEL)).containsExactly(1L, 2L);
        assertThat(delivered.resyncs).isEmpty();
        assertThat(feed.progress.await(new Position(own.offset(), own.epoch()), Duration.ofSeconds(1)))
                .isEqualTo(1);
    }

    @Test
    void whatArrivedWhileAFailedPublishWasInFlightGoesToAWorker() {
        ChannelFeed feed = publishingFeed();
        feed.offer(message(stamp(1)), false);
        assertThat(workers).isEmpty();
        feed.abandonOwn(); // the script failed, or the request was a replay
        assertThat(workers).hasSize(1);
        workers.poll().run();
        assertThat(delivered.offsets(CHANNEL)).containsExactly(1L);
        assertThat(feed.progress.waiting()).isZero();
    }

    @Test
    void aFullQueueDropsMessagesAndCatchesUpFromHistoryOnceDrained() {
        store(20);
        Queue<Runnable> pending = new ArrayDeque<>();
        ChannelFeed feed = feed(pending::add, 20);
        feed.prime(store.position(CHANNEL));
        int total = ChannelFeed.MAX_QUEUED + 5;
        for (int i = 1; i <= total; i++) {
            store.publish(event(CHANNEL, i));
            feed.offer(message(store.history(CHANNEL, i - 1, 1).events().get(0)), false);
        }
        assertThat(feed.backlog()).isEqualTo(ChannelFeed.MAX_QUEUED);
        for (Runnable task; (task = pending.poll()) != null; ) {
            task.run();
        }
        assertThat(delivered.offsets(CHANNEL)).hasSize(total).isSorted().doesNotHaveDuplicates();
        assertThat(delivered.resyncs).isEmpty();
        assertThat(feed.backlog()).isZero();
    }

    @Test
    void presenceMessagesGoThroughTheLaneToo() {
        store(10);
        ChannelFeed feed = feed(Runnable::run, 10);
        feed.prime(store.position(CHANNEL));
        feed.offer(PublicationCodec.presence("acme", "{\"a\":1}"), true);
        assertThat(delivered.presence).containsExactly("acme " + CHANNEL + " {\"a\":1}");
    }
}
