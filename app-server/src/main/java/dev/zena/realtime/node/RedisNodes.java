package dev.zena.realtime.node;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zena.realtime.broker.BrokerUnavailableException;
import dev.zena.realtime.broker.RedisLink;
import dev.zena.realtime.log.LogText;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nodes of a cluster on its Redis (SPEC §11 item 4). Each node's card is a field of the hash
 * {@code zena:node-cards} (JSON, rewritten by every beat); a card whose last beat is older than {@link #LIVE_WITHIN}
 * is not a live node, and one older than {@link #FORGET_AFTER} is deleted by whoever reads it. Each node listens on
 * its own pub/sub inbox {@code zena:node-inbox:<id>}: a question is one message to each live node's inbox, the
 * answer one message back to the asker's. A second node with an id whose inbox already has a listener is refused
 * at start ({@link DuplicateNodeException}). Questions are answered on one thread of this object, never on the
 * Redis client's I/O thread.
 */
public final class RedisNodes implements Nodes {

    /** A card this old (about ten missed beats) no longer names a live node. */
    static final Duration LIVE_WITHIN = Duration.ofSeconds(10);
    /** A card this old is deleted: its node stopped without leaving. */
    static final Duration FORGET_AFTER = Duration.ofSeconds(60);
    /**
     * The longest a written card goes unwritten while its node's connection count stays the same: well inside
     * {@link #LIVE_WITHIN}. A count that changed is written at the next beat, and so is a card whose last write
     * failed.
     */
    static final Duration REWRITE_WITHIN = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(RedisNodes.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RedisLink link;
    private final String id;
    private final Clock clock;
    private final String cardsKey;
    private final Map<String, UnaryOperator<String>> handlers = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<String>> pending = new ConcurrentHashMap<>();
    private final ExecutorService answering;
    private final StatefulRedisPubSubConnection<String, String> inbox;
    private volatile NodeCard card;
    private volatile List<NodeCard> lastKnown = List.of();
    /** What the last card written to Redis said; null before the first write and after a failed one. */
    private NodeCard written;
    /**
     * Set when the inbox subscribes again after Lettuce reconnected: Redis may have restarted empty, so the next
     * beat writes the card whatever it says. True at first: nothing is written yet.
     */
    private volatile boolean isRewriteDue = true;
    /**
     * Whether the inbox's first subscription was confirmed. That one is not a reconnect, and its confirmation may
     * come after the first beats; only later ones ask for a rewrite.
     */
    private final AtomicBoolean isSubscribed = new AtomicBoolean();

    private RedisNodes(RedisLink link, String id, Clock clock) {
        this.link = link;
        this.id = id;
        this.clock = clock;
        this.cardsKey = link.globalKey("node-cards");
        Instant now = clock.instant();
        this.card = new NodeCard(id, "", now, 0, now);
        this.answering = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "zena-node-inbox");
            thread.setDaemon(true);
            return thread;
        });
        this.inbox = link.connectPubSub();
    }

    /**
     * Called once at a node's start, before anything listens: takes this node's inbox.
     *
     * @throws DuplicateNodeException when a live node of the cluster already has this id
     * @throws BrokerUnavailableException when Redis cannot be reached
     */
    public static RedisNodes open(RedisLink link, String id, Clock clock) {
        String channel = inboxOf(link, id);
        Long listeners = link.call(redis -> redis.pubsubNumsub(channel)).getOrDefault(channel, 0L);
        if (listeners > 0) {
            throw new DuplicateNodeException(id);
        }
        RedisNodes nodes = new RedisNodes(link, id, clock);
        try {
            nodes.inbox.addListener(nodes.new Listener());
            link.guard(() -> {
                nodes.inbox.sync().subscribe(channel);
                return null;
            });
            return nodes;
        } catch (RuntimeException e) {
            nodes.close();
            throw e;
        }
    }

    @Override
    public String selfId() {
        return id;
    }

    @Override
    public void answer(String topic, UnaryOperator<String> handler) {
        handlers.put(topic, handler);
    }

    @Override
    public synchronized void join(String address, Instant startedAt) {
        card = new NodeCard(id, address, startedAt, 0, clock.instant());
        written = null;
        beat(0);
    }

    /**
     * Refreshes this node's own card, and writes it to Redis when its connection count changed, when the last write
     * is {@link #REWRITE_WITHIN} old, when the last write failed, or after Lettuce reconnected: an idle or steady
     * node writes its card every few seconds rather than at every beat (ADR 0040).
     */
    @Override
    public synchronized void beat(int connections) {
        NodeCard now = card.beat(connections, clock.instant());
        card = now;
        NodeCard last = written;
        if (!isRewriteDue
                && last != null
                && last.connections() == connections
                && Duration.between(last.lastSeen(), now.lastSeen()).compareTo(REWRITE_WITHIN) < 0) {
            return;
        }
        isRewriteDue = false; // before the write: a reconnect during it asks for another
        written = null;
        try {
            String text = CardJson.write(now);
            link.call(redis -> redis.hset(cardsKey, id, text));
            written = now;
        } catch (BrokerUnavailableException e) {
            // the broker logs its own outage; the card is written again by the next beat
        }
    }

    @Override
    public List<NodeCard> cards() {
        Map<String, String> stored;
        try {
            stored = link.call(redis -> redis.hgetall(cardsKey));
        } catch (BrokerUnavailableException e) {
            return lastKnown.isEmpty() ? List.of(card) : lastKnown;
        }
        Instant now = clock.instant();
        List<NodeCard> live = new ArrayList<>();
        live.add(card);
        for (Map.Entry<String, String> entry : stored.entrySet()) {
            NodeCard other = CardJson.read(entry.getValue());
            if (other == null || entry.getKey().equals(id)) {
                continue;
            }
            Duration age = Duration.between(other.lastSeen(), now);
            if (age.compareTo(FORGET_AFTER) > 0) {
                forget(entry.getKey());
            } else if (age.compareTo(LIVE_WITHIN) <= 0) {
                live.add(other);
            }
        }
        lastKnown = List.copyOf(live);
        return lastKnown;
    }

    @Override
    public Answers ask(String topic, String body) {
        long deadline = System.nanoTime() + ANSWER_WITHIN.toNanos();
        Map<String, CompletableFuture<String>> asked = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (NodeCard other : cards()) {
            if (other.id().equals(id)) {
                continue;
            }
            String requestId = UUID.randomUUID().toString();
            CompletableFuture<String> answer = new CompletableFuture<>();
            pending.put(requestId, answer);
            if (send(other.id(), message("ask", requestId).put("topic", topic).put("body", body))) {
                asked.put(other.id(), answer);
            } else {
                pending.remove(requestId);
                missing.add(other.id()); // nobody listens on its inbox: stopped or cut off from Redis
            }
        }
        Map<String, String> byNode = new LinkedHashMap<>();
        byNode.put(id, local(topic, body));
        for (Map.Entry<String, CompletableFuture<String>> entry : asked.entrySet()) {
            String answer = await(entry.getValue(), deadline);
            if (answer == null) {
                missing.add(entry.getKey());
            } else {
                byNode.put(entry.getKey(), answer);
            }
        }
        pending.values().removeAll(asked.values());
        return new Answers(byNode, missing);
    }

    @Override
    public void close() {
        try {
            link.call(redis -> redis.hdel(cardsKey, id));
        } catch (BrokerUnavailableException e) {
            // the card lapses on its own (LIVE_WITHIN)
        }
        inbox.close();
        answering.shutdownNow();
    }

    /** This node's own answer, computed on the asker's thread. */
    private String local(String topic, String body) {
        UnaryOperator<String> handler = handlers.get(topic);
        if (handler == null) {
            throw new IllegalStateException("no handler for topic " + topic);
        }
        return handler.apply(body);
    }

    private static String await(CompletableFuture<String> answer, long deadline) {
        try {
            return answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return null;
        }
    }

    /** Publishes to a node's inbox; false when nobody listens there or Redis is out. */
    private boolean send(String node, ObjectNode message) {
        String channel = inboxOf(link, node);
        try {
            return link.call(redis -> redis.publish(channel, message.toString())) > 0;
        } catch (BrokerUnavailableException e) {
            return false;
        }
    }

    private ObjectNode message(String kind, String requestId) {
        return JSON.createObjectNode().put("kind", kind).put("id", requestId).put("from", id);
    }

    private void forget(String node) {
        try {
            link.call(redis -> redis.hdel(cardsKey, node));
        } catch (BrokerUnavailableException e) {
            // forgotten by a later read
        }
    }

    private void received(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            LOG.warn("node_message_unreadable node={} text={}", id, LogText.of(text));
            return;
        }
        String kind = message.path("kind").asText();
        String requestId = message.path("id").asText();
        if ("answer".equals(kind)) {
            CompletableFuture<String> answer = pending.remove(requestId);
            if (answer != null) {
                answer.complete(message.path("body").asText());
            }
        } else if ("ask".equals(kind)) {
            try {
                answering.execute(() -> reply(
                        message.path("from").asText(),
                        requestId,
                        message.path("topic").asText(),
                        message.path("body").asText()));
            } catch (RejectedExecutionException e) {
                // closing: the asker counts this node as missing
            }
        }
    }

    private void reply(String asker, String requestId, String topic, String body) {
        UnaryOperator<String> handler = handlers.get(topic);
        if (handler == null) {
            return; // not yet wired, or an older node: the asker counts it as missing
        }
        try {
            send(asker, message("answer", requestId).put("body", handler.apply(body)));
        } catch (RuntimeException e) {
            LOG.error("node_answer_failed node={} topic={}", id, LogText.of(topic), e);
        }
    }

    private static String inboxOf(RedisLink link, String node) {
        return link.globalKey("node-inbox:" + node);
    }

    private final class Listener extends RedisPubSubAdapter<String, String> {
        @Override
        public void message(String channel, String message) {
            received(message);
        }

        @Override
        public void subscribed(String channel, long count) {
            if (!isSubscribed.compareAndSet(false, true)) {
                isRewriteDue = true;
            }
        }
    }
}
