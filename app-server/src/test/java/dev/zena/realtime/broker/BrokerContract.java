package dev.zena.realtime.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.zena.realtime.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link Broker} must do, whatever carries it (centrifuge runs one suite over its memory and Redis
 * engines the same way): offsets rising by one per channel, delivered once each in offset order to a node that
 * subscribed to the channel, positions with a stable epoch, history bounded by size and age, and channels
 * forgotten only after a long silence. A subclass supplies the broker; delivery may be asynchronous, so every
 * check of it waits with a deadline, except the count a publish on a subscribed channel answers, which is
 * delivered locally before publish returns.
 */
@Timeout(60)
public abstract class BrokerContract {

    /** History kept by the broker under test: events per channel, and their lifetime. */
    protected static final int HISTORY_SIZE = 5;

    protected static final Duration HISTORY_TTL = Duration.ofSeconds(60);

    protected final TestClock clock = new TestClock(Instant.parse("2026-12-02T10:00:00Z"));
    protected Broker broker;
    protected final Recorder delivered = new Recorder();

    /** A new broker on {@code clock} keeping {@link #HISTORY_SIZE} events for {@link #HISTORY_TTL}. */
    protected abstract Broker newBroker(TestClock clock);

    @BeforeEach
    void start() {
        broker = newBroker(clock);
        broker.attach(delivered);
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    /** A local delivery as the hub does it: one publication per channel at a time, recorded in queue order. */
    protected static final class Recorder implements Broker.LocalDelivery {
        final Map<String, List<Publication>> byChannel = new ConcurrentHashMap<>();
        final List<String> presence = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<String> resyncs = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void deliverPresence(String tenantId, String channel, String message) {
            presence.add(tenantId + " " + channel + " " + message);
        }

        @Override
        public void resync(String channel, Position position, String reason) {
            resyncs.add(channel + " " + position.offset() + " " + reason);
        }

        @Override
        public int deliver(String channel, Supplier<Publication> stamp) {
            List<Publication> list = byChannel.computeIfAbsent(channel, c -> new ArrayList<>());
            synchronized (list) {
                list.add(stamp.get());
            }
            return 1;
        }

        List<Long> offsets(String channel) {
            List<Publication> list = byChannel.getOrDefault(channel, List.of());
            synchronized (list) {
                return list.stream().map(Publication::offset).toList();
            }
        }
    }

    protected static Envelope event(String channel, int n) {
        return new Envelope(
                "acme", channel, "e" + n, JsonNodeFactory.instance.objectNode().put("n", n), false);
    }

    @Test
    void aChannelNeverPublishedStandsAtZeroInAnEpochItKeeps() {
        Position before = broker.position("project.p1");
        assertThat(before.offset()).isZero();
        assertThat(before.epoch()).isNotBlank();
        broker.subscribe("project.p1");
        broker.publish(event("project.p1", 1));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> delivered.offsets("project.p1").size() == 1);
        assertThat(broker.position("project.p1")).isEqualTo(new Position(1, before.epoch()));
    }

    @Test
    void offsetsRiseByOnePerChannelAndEachIsDeliveredOnceInOrder() {
        broker.subscribe("project.p1");
        broker.subscribe("task.t1");
        for (int i = 1; i <= 3; i++) {
            broker.publish(event("project.p1", i));
        }
        broker.publish(event("task.t1", 1));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> delivered.offsets("project.p1").size() == 3);
        assertThat(delivered.offsets("project.p1")).containsExactly(1L, 2L, 3L);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> delivered.offsets("task.t1").size() == 1);
        assertThat(delivered.offsets("task.t1")).containsExactly(1L);
        Publication first = delivered.byChannel.get("project.p1").get(0);
        assertThat(first.envelope()).isEqualTo(event("project.p1", 1));
        assertThat(first.epoch()).isEqualTo(broker.position("project.p1").epoch());
        assertThat(first.timestamp()).isEqualTo(clock.instant());
    }

    @Test
    void racingPublishersGetContiguousOffsetsDeliveredInOrder() throws Exception {
        broker.subscribe("project.race");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        for (int t = 0; t < 4; t++) {
            pool.execute(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                for (int i = 0; i < 250; i++) {
                    broker.publish(event("project.race", i));
                }
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> delivered.offsets("project.race").size() == 1000);
        List<Long> offsets = delivered.offsets("project.race");
        for (int i = 0; i < offsets.size(); i++) {
            assertThat(offsets.get(i)).isEqualTo(i + 1L);
        }
    }

    @Test
    void aPublishOnASubscribedChannelIsDeliveredLocallyBeforeItReturns() {
        broker.subscribe("project.p1");
        assertThat(broker.publish(event("project.p1", 1))).isEqualTo(1);
        assertThat(delivered.offsets("project.p1")).containsExactly(1L);
        assertThat(broker.publish(event("project.p1", 2))).isEqualTo(1);
        assertThat(delivered.offsets("project.p1")).containsExactly(1L, 2L);
        assertThat(broker.isAvailable()).isTrue();
    }

    @Test
    void subscriptionsNestAChannelStaysSubscribedUntilUndoneAsOften() {
        broker.subscribe("project.p1");
        broker.subscribe("project.p1");
        broker.unsubscribe("project.p1");
        assertThat(broker.publish(event("project.p1", 1))).isEqualTo(1);
        assertThat(delivered.offsets("project.p1")).containsExactly(1L);
    }

    @Test
    void presenceMessagesReachANodeSubscribedToTheChannel() {
        broker.subscribe("project.p1");
        broker.publishPresence("acme", "project.p1", "{\"type\":\"presence_event\"}");
        broker.publishPresence("beta", "project.p1", "second");
        await().atMost(Duration.ofSeconds(5)).until(() -> delivered.presence.size() == 2);
        assertThat(delivered.presence)
                .containsExactly("acme project.p1 {\"type\":\"presence_event\"}", "beta project.p1 second");
        assertThat(broker.position("project.p1").offset())
                .as("presence takes no offset")
                .isZero();
    }

    @Test
    void historyKeepsTheLastEventsAfterAnOffsetOldestFirst() {
        for (int i = 1; i <= 8; i++) {
            broker.publish(event("project.p1", i));
        }
        await().atMost(Duration.ofSeconds(5))
                .until(() -> broker.position("project.p1").offset() == 8);
        History all = broker.history("project.p1", 0, 100);
        assertThat(all.events()).extracting(Publication::offset).containsExactly(4L, 5L, 6L, 7L, 8L);
        assertThat(all.firstKept()).isEqualTo(4);
        assertThat(all.keepsEverythingAfter(3)).isTrue();
        assertThat(all.keepsEverythingAfter(2)).isFalse();
        assertThat(all.position().offset()).isEqualTo(8);
        assertThat(broker.history("project.p1", 6, 100).events())
                .extracting(Publication::offset)
                .containsExactly(7L, 8L);
        assertThat(broker.history("project.p1", 4, 2).events())
                .extracting(Publication::offset)
                .containsExactly(5L, 6L);
        assertThat(broker.history("project.p1", 8, 100).events()).isEmpty();
        assertThat(broker.history("project.p1", 5, 100).events().get(0).envelope())
                .isEqualTo(event("project.p1", 6));
    }

    @Test
    void eventsOlderThanTheTtlAreNoLongerKeptButThePositionStays() {
        broker.publish(event("project.p1", 1));
        clock.advance(HISTORY_TTL.minusSeconds(10));
        broker.publish(event("project.p1", 2));
        clock.advance(Duration.ofSeconds(11));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> broker.position("project.p1").offset() == 2);
        History history = broker.history("project.p1", 0, 100);
        assertThat(history.events()).extracting(Publication::offset).containsExactly(2L);
        assertThat(history.keepsEverythingAfter(0)).isFalse();
        assertThat(history.keepsEverythingAfter(1)).isTrue();
        clock.advance(HISTORY_TTL);
        broker.evictExpired();
        History none = broker.history("project.p1", 0, 100);
        assertThat(none.events()).isEmpty();
        assertThat(none.position().offset()).isEqualTo(2);
        assertThat(none.firstKept()).isEqualTo(3);
        assertThat(none.keepsEverythingAfter(2)).isTrue();
    }

    @Test
    void aChannelSilentForADayIsForgottenAndComesBackInANewEpoch() {
        broker.publish(event("project.p1", 1));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> broker.position("project.p1").offset() == 1);
        String epoch = broker.position("project.p1").epoch();
        clock.advance(Duration.ofHours(1));
        broker.evictExpired();
        assertThat(broker.position("project.p1")).as("an hour is not long").isEqualTo(new Position(1, epoch));
        clock.advance(Duration.ofHours(25));
        broker.evictExpired();
        Position after = broker.position("project.p1");
        assertThat(after.offset()).isZero();
        assertThat(after.epoch()).isNotEqualTo(epoch);
    }
}
