package dev.zena.realtime.node;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/** A cluster of one ({@code broker: memory}): every question is answered here, and nobody is ever missing. */
public final class SoloNode implements Nodes {

    private final String id;
    private final Clock clock;
    private final Map<String, UnaryOperator<String>> handlers = new ConcurrentHashMap<>();
    private volatile NodeCard card;

    /** Built once at start. */
    public SoloNode(String id, Clock clock) {
        this.id = id;
        this.clock = clock;
        Instant now = clock.instant();
        this.card = new NodeCard(id, "", now, 0, now);
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
    public void join(String address, Instant startedAt) {
        card = new NodeCard(id, address, startedAt, 0, clock.instant());
    }

    @Override
    public void beat(int connections) {
        card = card.beat(connections, clock.instant());
    }

    @Override
    public List<NodeCard> cards() {
        return List.of(card);
    }

    @Override
    public Answers ask(String topic, String body) {
        UnaryOperator<String> handler = handlers.get(topic);
        if (handler == null) {
            throw new IllegalStateException("no handler for topic " + topic);
        }
        return new Answers(Map.of(id, handler.apply(body)), List.of());
    }

    @Override
    public void close() {
        // nothing shared to leave
    }
}
