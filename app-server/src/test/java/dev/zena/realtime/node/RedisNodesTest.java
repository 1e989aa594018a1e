package dev.zena.realtime.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zena.realtime.broker.BrokerUnavailableException;
import dev.zena.realtime.broker.RedisLink;
import dev.zena.realtime.testing.TestClock;
import dev.zena.realtime.testing.TestRedis;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * When a node writes its card to a real {@code redis-server} (ADR 0040): at join, at the first beat after its
 * connection count changed, and otherwise once every {@link RedisNodes#REWRITE_WITHIN}, never at every beat; and
 * again at the next beat after a write that failed or timed out, or after the node's inbox subscribed again. Most
 * cases delete the stored card and beat: the card is back only when the beat wrote it.
 */
@Timeout(30)
class RedisNodesTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-12-04T12:00:00Z"));
    private final RedisLink link = RedisLink.open(TestRedis.get().url(), TestRedis.newPrefix());
    private final RedisNodes nodes = RedisNodes.open(link, "node-x", clock);
    private final String cards = link.globalKey("node-cards");

    @AfterEach
    void close() {
        nodes.close();
        link.close();
    }

    private NodeCard stored() {
        String text = link.call(redis -> redis.hget(cards, "node-x"));
        return text == null ? null : CardJson.read(text);
    }

    private void forgetStored() {
        link.call(redis -> redis.hdel(cards, "node-x"));
    }

    /** Stops the test Redis, runs {@code whileOut} once the link has noticed, and starts it again, empty. */
    private void restartRedis(Runnable whileOut) {
        TestRedis.get().stop();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !link.isConnected());
            whileOut.run();
        } finally {
            TestRedis.get().start();
        }
    }

    @Test
    void aSteadyNodeWritesItsCardEveryFewSecondsAndAChangedCountAtOnce() {
        nodes.join("127.0.0.1:8080", clock.instant());
        assertThat(stored().address()).as("written at join").isEqualTo("127.0.0.1:8080");

        nodes.beat(3);
        assertThat(stored().connections()).as("a new count is written at once").isEqualTo(3);

        forgetStored();
        for (int second = 1; second < RedisNodes.REWRITE_WITHIN.toSeconds(); second++) {
            clock.advance(Duration.ofSeconds(1));
            nodes.beat(3);
            assertThat(stored())
                    .as("the same count %s s later: not written again", second)
                    .isNull();
        }
        clock.advance(Duration.ofSeconds(1));
        nodes.beat(3);
        NodeCard rewritten = stored();
        assertThat(rewritten)
                .as("written again %s after the last write", RedisNodes.REWRITE_WITHIN)
                .isNotNull();
        assertThat(rewritten.lastSeen()).isEqualTo(clock.instant());
        assertThat(RedisNodes.REWRITE_WITHIN.multipliedBy(2))
                .as("a card is rewritten well before it stops naming a live node")
                .isLessThanOrEqualTo(RedisNodes.LIVE_WITHIN);

        forgetStored();
        clock.advance(Duration.ofSeconds(1));
        nodes.beat(2);
        assertThat(stored().connections())
                .as("a changed count is written at the next beat")
                .isEqualTo(2);
    }

    @Test
    void aCardThatCouldNotBeWrittenIsWrittenAtTheNextBeat() {
        nodes.join("127.0.0.1:8080", clock.instant());
        nodes.beat(1);
        restartRedis(() -> {
            clock.advance(Duration.ofSeconds(1));
            nodes.beat(2); // Redis is out: the write fails, and the beat says nothing of it
        });
        await().atMost(Duration.ofSeconds(15)).until(link::isConnected);
        assertThat(stored()).isNull();
        clock.advance(Duration.ofSeconds(1));
        nodes.beat(2);
        assertThat(stored())
                .as("the count Redis missed, written once it answers")
                .isNotNull();
        assertThat(stored().connections()).isEqualTo(2);
    }

    @Test
    void aSteadyCardIsWrittenAgainOnceRedisIsBackFromARestart() {
        nodes.join("127.0.0.1:8080", clock.instant());
        nodes.beat(1);
        restartRedis(() -> {}); // no beat while Redis is out: none failed to tell
        // The clock stands still and the count does not change: only the inbox's new subscription can ask for it.
        // Until the link is back, reading the card is refused: that is a reason to look again, not a failure.
        await().atMost(Duration.ofSeconds(15))
                .ignoreExceptionsInstanceOf(BrokerUnavailableException.class)
                .untilAsserted(() -> {
                    nodes.beat(1);
                    assertThat(stored()).as("written again after the reconnect").isNotNull();
                });
    }

    @Test
    void aWriteWhoseFateIsUnknownIsMadeAgainAtTheNextBeat() {
        nodes.join("127.0.0.1:8080", clock.instant());
        nodes.beat(1);
        // Redis holds every write for longer than the command timeout: the next write times out here, and lands
        // in Redis once the pause ends. The connection stays up, so no reconnect asks for a rewrite.
        long holdMillis = RedisLink.COMMAND_TIMEOUT.toMillis() + 1_000;
        link.call(redis -> redis.dispatch(
                CommandType.CLIENT,
                new StatusOutput<>(StringCodec.UTF8),
                new CommandArgs<>(StringCodec.UTF8).add("PAUSE").add(holdMillis).add("WRITE")));
        nodes.beat(2); // times out: the node cannot know whether 2 was written
        await().atMost(Duration.ofSeconds(10))
                .ignoreExceptionsInstanceOf(BrokerUnavailableException.class)
                .until(() -> stored().connections() == 2); // it was, after the pause
        nodes.beat(1); // the clock stands still, and 1 is what the node last knew it wrote
        assertThat(stored().connections())
                .as("a write that timed out does not count as written: the next beat writes, even the old count")
                .isEqualTo(1);
    }
}
