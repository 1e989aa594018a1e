package dev.zena.realtime.node;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The nodes of this server's cluster (SPEC §11 item 4): the cards of the live ones, and questions asked to all of
 * them at once. One process is a cluster of one ({@link SoloNode}); with {@code broker: redis} every node of the
 * prefix takes part ({@link RedisNodes}). Built at start by the wiring, before anything listens; thread-safe.
 */
public interface Nodes extends AutoCloseable {

    /** The longest a question waits for the other nodes' answers (SPEC §11: "within 2 s"). */
    Duration ANSWER_WITHIN = Duration.ofSeconds(2);

    /** This node's id ({@code node.id}, configured or generated). */
    String selfId();

    /**
     * Called at start, before {@link #join}, once per topic: how this node answers {@code topic}. The handler
     * gets the question's body and returns the answer's; it runs on a thread of this object (or the asker's, for
     * this node's own answer), must not block for long, and may throw (the node then counts as not answering).
     */
    void answer(String topic, UnaryOperator<String> handler);

    /** Called once the HTTP side listens: this node's card appears in the cluster. */
    void join(String address, Instant startedAt);

    /** Called about once a second by the ticker: refreshes this node's card. Never throws for an outage. */
    void beat(int connections);

    /** The cards of the live nodes, this one first; the last known ones while the cluster's Redis is out. */
    List<NodeCard> cards();

    /**
     * Asks every live node, this one included, and waits at most {@link #ANSWER_WITHIN} for them. Blocks the
     * caller (an HTTP request's thread); never throws for an outage: a node that cannot be reached is missing.
     */
    Answers ask(String topic, String body);

    /** Called when the server stops: this node's card disappears and it answers no more. */
    @Override
    void close();
}
