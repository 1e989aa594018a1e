package dev.zena.realtime.broker;

import static dev.zena.realtime.broker.BrokerContract.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.zena.realtime.testing.TestRedis;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the Redis broker does as a cluster (SPEC §11): two nodes on one real Redis, each with its own
 * {@link RedisLink}, as two processes would be. Events published through either node reach both once, in offset
 * order; a node subscribes only to the channels it holds; a node cut off from Redis fails fast and, once back,
 * gets what it missed from history or a resync; a restarted (empty) Redis means a resync in a new epoch.
 */
@Timeout(90)
class RedisClusterTest {

    private static final int HISTORY_SIZE = 10;
    private static final Duration HISTORY_TTL = Duration.ofMinutes(10);

    private final String prefix = TestRedis.newPrefix();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    /** One node: its own link to Redis, its broker and what its local delivery received. */
    private record Node(RedisLink link, RedisBroker broker, BrokerContract.Recorder delivered) {}

    private Node node(String url) {
        RedisLink link = RedisLink.open(url, prefix);
        RedisBroker broker = new RedisBroker(link, Clock.systemUTC(), HISTORY_SIZE, HISTORY_TTL);
        BrokerContract.Recorder delivered = new BrokerContract.Recorder();
        broker.attach(delivered);
        closeables.add(link);
        closeables.add(broker); // closed in reverse: the broker before its link
        return new Node(link, broker, delivered);
    }

    private Node node() {
        return node(TestRedis.get().url());
    }

    @AfterEach
    void closeAll() throws Exception {
        TestRedis.get().start(); // in case a test stopped it and failed before starting it again
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    @Test
    void eventsPublishedOnEitherNodeReachBothOnceInOrderWithTheSameOffsets() throws Exception {
        Node a = node();
        Node b = node();
        a.broker().subscribe("project.p1");
        b.broker().subscribe("project.p1");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> publishers = new ArrayList<>();
            for (Node publisher : List.of(a, b, a, b)) {
                publishers.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        assertThat(publisher.broker().publish(event("project.p1", i)))
                                .isEqualTo(1);
                    }
                }));
            }
            for (Future<?> publisher : publishers) {
                publisher.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (Node node : List.of(a, b)) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> node.delivered().offsets("project.p1").size() >= 400);
            assertThat(node.delivered().offsets("project.p1"))
                    .hasSize(400)
                    .isSorted()
                    .doesNotHaveDuplicates();
            assertThat(node.delivered().offsets("project.p1").get(399)).isEqualTo(400L);
        }
        assertThat(a.delivered().byChannel.get("project.p1"))
                .isEqualTo(b.delivered().byChannel.get("project.p1"));
        assertThat(a.delivered().resyncs).isEmpty();
    }

    @Test
    void aNodeSubscribesOnlyToTheChannelsItsConnectionsHold() {
        Node a = node();
        Node b = node();
        a.broker().subscribe("project.held");
        assertThat(pubSubChannels(a))
                .containsExactlyInAnyOrder(prefix + ":{project.held}", prefix + ":{project.held}:presence");
        assertThat(b.broker().publish(event("project.elsewhere", 1)))
                .as("b holds nothing")
                .isZero();
        assertThat(a.broker().publish(event("project.elsewhere", 2)))
                .as("a does not hold it")
                .isZero();
        b.broker().publish(event("project.held", 1));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> a.delivered().offsets("project.held").size() == 1);
        assertThat(a.delivered().byChannel).doesNotContainKey("project.elsewhere");
        assertThat(b.delivered().byChannel).isEmpty();
        a.broker().unsubscribe("project.held");
        assertThat(pubSubChannels(a)).isEmpty();
    }

    @Test
    void keysAndPubSubChannelsAllStartWithThePrefixAndAChannelsKeysShareItsHashTag() {
        Node a = node();
        Set<String> before = new HashSet<>(a.link().call(redis -> redis.keys("*")));
        a.broker().subscribe("project.p1");
        a.broker().publish(event("project.p1", 1));
        a.broker().publishPresence("acme", "project.p1", "{}");
        a.broker().history("task.t1", 0, 10);
        Set<String> created = new HashSet<>(a.link().call(redis -> redis.keys("*")));
        created.removeAll(before);
        assertThat(created)
                .containsExactlyInAnyOrder(
                        prefix + ":{project.p1}:meta", prefix + ":{project.p1}:history", prefix + ":{task.t1}:meta");
        List<String> channels = a.link().call(redis -> redis.pubsubChannels("*"));
        assertThat(channels)
                .filteredOn(name -> name.contains("{project.p1}"))
                .allMatch(name -> name.startsWith(prefix + ":{project.p1}"));
    }

    @Test
    void aNodeCutOffFromRedisFailsFastAndGetsWhatItMissedFromHistoryOnceBack() throws Exception {
        TcpRelay relay = new TcpRelay(TestRedis.get().port());
        closeables.add(relay);
        Node a = node("redis://127.0.0.1:" + relay.port());
        Node b = node();
        a.broker().subscribe("project.p1");
        b.broker().subscribe("project.p1");
        b.broker().publish(event("project.p1", 1));
        b.broker().publish(event("project.p1", 2));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> a.delivered().offsets("project.p1").size() == 2);

        relay.cut();
        await().atMost(Duration.ofSeconds(5)).until(() -> !a.broker().isAvailable());
        long started = System.nanoTime();
        assertThatThrownBy(() -> a.broker().publish(event("project.p1", 99)))
                .isInstanceOf(BrokerUnavailableException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
        for (int i = 3; i <= 5; i++) {
            b.broker().publish(event("project.p1", i));
        }
        relay.mend();

        await().atMost(Duration.ofSeconds(15))
                .until(() -> a.delivered().offsets("project.p1").size() == 5);
        assertThat(a.delivered().offsets("project.p1")).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(a.delivered().byChannel.get("project.p1").get(2).envelope()).isEqualTo(event("project.p1", 3));
        assertThat(a.delivered().resyncs).isEmpty();
        b.broker().publish(event("project.p1", 6));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> a.delivered().offsets("project.p1").size() == 6);
        assertThat(a.delivered().offsets("project.p1")).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);

        relay.cut();
        await().atMost(Duration.ofSeconds(5)).until(() -> !a.broker().isAvailable());
        for (int i = 7; i <= 7 + HISTORY_SIZE; i++) {
            b.broker().publish(event("project.p1", i)); // offsets 7..17: more than the history keeps
        }
        relay.mend();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> !a.delivered().resyncs.isEmpty());
        assertThat(a.delivered().resyncs).containsExactly("project.p1 17 offset_expired");
        assertThat(a.delivered().offsets("project.p1")).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(a.broker().publish(event("project.p1", 18))).isEqualTo(1);
        assertThat(a.delivered().offsets("project.p1")).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 18L);
    }

    @Test
    void whileRedisIsDownEveryCallFailsFastAndNothingQueuesThenARestartResyncsInANewEpoch() {
        Node a = node();
        Node b = node();
        a.broker().subscribe("project.p1");
        b.broker().subscribe("project.p1");
        assertThat(a.broker().publish(event("project.p1", 1))).isEqualTo(1);
        String epoch = a.broker().position("project.p1").epoch();

        TestRedis.get().stop();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !a.broker().isAvailable() && !b.broker().isAvailable());
        long started = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            assertThatThrownBy(() -> a.broker().publish(event("project.p1", 2)))
                    .isInstanceOf(BrokerUnavailableException.class);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("rejected at once, not after a timeout each")
                .isLessThan(Duration.ofSeconds(10));
        assertThat(a.broker().backlog()).as("nothing waits for Redis").isZero();
        assertThatThrownBy(() -> a.broker().subscribe("project.other")).isInstanceOf(BrokerUnavailableException.class);
        assertThatThrownBy(() -> a.broker().position("project.p1")).isInstanceOf(BrokerUnavailableException.class);
        assertThatThrownBy(() -> a.broker().publishPresence("acme", "project.p1", "{}"))
                .isInstanceOf(BrokerUnavailableException.class);

        TestRedis.get().start();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> a.broker().isAvailable() && b.broker().isAvailable());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !a.delivered().resyncs.isEmpty()
                        && !b.delivered().resyncs.isEmpty());
        assertThat(a.delivered().resyncs).containsExactly("project.p1 0 epoch_changed");
        assertThat(b.delivered().resyncs).containsExactly("project.p1 0 epoch_changed");
        Position after = b.broker().position("project.p1");
        assertThat(after.epoch()).isNotEqualTo(epoch);

        assertThat(b.broker().publish(event("project.p1", 2))).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> a.delivered().offsets("project.p1").size() == 2);
        Publication resumed = a.delivered().byChannel.get("project.p1").get(1);
        assertThat(resumed.offset()).isEqualTo(1);
        assertThat(resumed.epoch()).isEqualTo(after.epoch());
        assertThat(pubSubChannels(a))
                .as("the unsubscribed channel left no subscription")
                .doesNotContain(prefix + ":{project.other}");
    }

    @Test
    void aRedisThatLostItsLastWritesStartsTheChannelOverInANewEpochAndEveryNodeResyncs() {
        Node a = node();
        Node b = node();
        a.broker().subscribe("project.p1");
        b.broker().subscribe("project.p1");
        for (int i = 1; i <= 5; i++) {
            a.broker().publish(event("project.p1", i));
        }
        for (Node node : List.of(a, b)) {
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> node.delivered().offsets("project.p1").size() == 5);
        }
        String epoch = a.broker().position("project.p1").epoch();
        // as a Redis restarted from an append-only file that missed its last two writes...
        String meta = prefix + ":{project.p1}:meta";
        String stream = prefix + ":{project.p1}:history";
        a.link().call(redis -> redis.hset(meta, "offset", "3"));
        a.link().call(redis -> redis.xdel(stream, "4-0", "5-0"));
        // ...and the nodes' pub/sub connections dropped by the restart and made again
        a.link().call(redis -> redis.clientKill(io.lettuce.core.KillArgs.Builder.typePubsub()));

        for (Node node : List.of(a, b)) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !node.delivered().resyncs.isEmpty());
            assertThat(node.delivered().resyncs)
                    .as("offsets 4 and 5 would be handed out again")
                    .containsExactly("project.p1 0 epoch_changed");
        }
        Position after = a.broker().position("project.p1");
        assertThat(after.epoch())
                .as("a client's saved position in the old epoch cannot recover across the loss")
                .isNotEqualTo(epoch);
        assertThat(after.offset()).isZero();
        a.broker().publish(event("project.p1", 6));
        for (Node node : List.of(a, b)) {
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> node.delivered().offsets("project.p1").size() == 6);
            Publication resumed = node.delivered().byChannel.get("project.p1").get(5);
            assertThat(resumed.offset()).isEqualTo(1);
            assertThat(resumed.epoch()).isEqualTo(after.epoch());
        }
    }

    private List<String> pubSubChannels(Node node) {
        return node.link().call(redis -> redis.pubsubChannels(prefix + ":*"));
    }
}
