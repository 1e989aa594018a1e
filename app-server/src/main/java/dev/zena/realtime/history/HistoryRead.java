package dev.zena.realtime.history;

import dev.zena.realtime.broker.Broker;
import dev.zena.realtime.broker.History;
import dev.zena.realtime.broker.Position;
import dev.zena.realtime.broker.Publication;
import dev.zena.realtime.protocol.Recovery;
import dev.zena.realtime.protocol.StreamPosition;
import java.util.List;

/**
 * The REST twin of history (SPEC §9, {@code GET /api/v1/app/channels/{channel}/history}), once access is granted:
 * with {@code since}, the events after it under the same all-or-nothing rule as a recovery (at most
 * {@code min(limit, history.recover_max)}; none when it cannot be complete, with the reason); without, the latest
 * {@code limit} kept events. Built once per server.
 */
public final class HistoryRead {

    /** The events a read answers when it names no limit. */
    public static final int DEFAULT_LIMIT = 100;

    private final Broker broker;
    private final int recoverMax;

    public HistoryRead(Broker broker, int recoverMax) {
        this.broker = broker;
        this.recoverMax = recoverMax;
    }

    /** What a read answers: the events (oldest first), the channel's position, and the recovery answer. */
    public record Answer(List<Publication> events, Position position, Recovery recovery) {}

    /** Called per granted read; {@code since} null reads the latest events. */
    public Answer read(String channel, StreamPosition since, int limit) {
        if (since == null) {
            Position position = broker.position(channel);
            History history = broker.history(channel, Math.max(0, position.offset() - limit), limit);
            return new Answer(history.events(), history.position(), Recovery.RECOVERED);
        }
        int most = Math.min(limit, recoverMax);
        History history = broker.history(channel, since.offset(), most + 1);
        Recovery recovery = RecoveryRule.decide(since, history, most);
        List<Publication> events = recovery.recovered()
                ? history.events().stream()
                        .filter(p -> p.offset() <= history.position().offset())
                        .toList()
                : List.of();
        return new Answer(events, history.position(), recovery);
    }

    /** The most events one read may ask for. */
    public int maxLimit() {
        return Math.max(recoverMax, DEFAULT_LIMIT);
    }
}
