package dev.zena.realtime.history;

import dev.zena.realtime.broker.Broker;
import dev.zena.realtime.broker.History;
import dev.zena.realtime.broker.Position;
import dev.zena.realtime.broker.Publication;
import dev.zena.realtime.hub.Connection;
import dev.zena.realtime.hub.Hub;
import dev.zena.realtime.protocol.Event;
import dev.zena.realtime.protocol.Recovery;
import dev.zena.realtime.protocol.StreamPosition;
import dev.zena.realtime.protocol.WireCodec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The granted channels of one {@code subscribe}, from the moment they are added to the moment their live events
 * flow (SPEC §9): {@link #prepare} adds each channel with its live events held (see {@code Hub.addHeld}), then
 * reads its position, and for a channel named in {@code since} its history and the recovery decision; the caller
 * queues the {@code subscription} reply built from the plan; {@link #finish} queues the replayed events
 * ({@code "recovered":true}, in offset order) and releases the held live ones that come after them. Runs on the
 * connection's lane. Built once per server.
 */
public final class Catchup {

    private final Broker broker;
    private final Hub hub;
    private final WireCodec codec;
    private final int recoverMax;

    public Catchup(Broker broker, Hub hub, WireCodec codec, int recoverMax) {
        this.broker = broker;
        this.hub = hub;
        this.codec = codec;
        this.recoverMax = recoverMax;
    }

    /** The broker positions and history are read from (whose channel subscriptions the caller also takes). */
    public Broker broker() {
        return broker;
    }

    /**
     * What one subscribe found: each granted channel's position for the reply, the recovery answers (null when the
     * request named no {@code since}), the events to replay, and where each channel's live events resume.
     */
    public record Plan(
            List<String> channels,
            Map<String, StreamPosition> positions,
            Map<String, Recovery> recovery,
            Map<String, List<Publication>> replays,
            Map<String, Position> resumeAfter) {}

    /** Called on the lane with the granted channels, in request order, before the reply is built. */
    public Plan prepare(
            Connection connection, List<String> granted, Map<String, StreamPosition> since, boolean presenceEvents) {
        for (String channel : granted) {
            hub.addHeld(connection, channel);
            if (presenceEvents) {
                // From now on, like the channel's live events: a presence event that comes before the reply waits
                // for the release (see hub.Pending), so none falls between the reply and the first one sent.
                hub.watchPresence(connection, channel);
            }
        }
        Map<String, StreamPosition> positions = new LinkedHashMap<>();
        Map<String, Recovery> recovery = since.isEmpty() ? null : new LinkedHashMap<>();
        Map<String, List<Publication>> replays = new LinkedHashMap<>();
        Map<String, Position> resumeAfter = new LinkedHashMap<>();
        for (String channel : granted) {
            StreamPosition asked = since.get(channel);
            Position position;
            if (asked == null) {
                position = broker.position(channel);
            } else {
                History history = broker.history(channel, asked.offset(), recoverMax + 1);
                position = history.position();
                Recovery answer = RecoveryRule.decide(asked, history, recoverMax);
                recovery.put(channel, answer);
                if (answer.recovered()) {
                    replays.put(
                            channel,
                            history.events().stream()
                                    .filter(p -> p.offset() <= position.offset())
                                    .toList());
                }
            }
            positions.put(channel, new StreamPosition(position.offset(), position.epoch()));
            resumeAfter.put(channel, position);
        }
        return new Plan(List.copyOf(granted), positions, recovery, replays, resumeAfter);
    }

    /**
     * Called on the lane right after the {@code subscription} reply was queued: per channel, the replayed events,
     * then the held live ones after them (and the presence events that came meanwhile, in their order).
     */
    public void finish(Connection connection, Plan plan) {
        for (String channel : plan.channels()) {
            for (Publication replayed : plan.replays().getOrDefault(channel, List.of())) {
                // A replayed event passes the same tenant check as a live one.
                if (replayed.envelope().tenantId().equals(connection.tenantId())) {
                    connection.send(codec.encode(new Event(
                            channel,
                            replayed.envelope().event(),
                            replayed.envelope().data(),
                            replayed.offset(),
                            replayed.epoch(),
                            replayed.envelope().isTest(),
                            true,
                            replayed.timestamp())));
                }
            }
            hub.release(connection, channel, plan.resumeAfter().get(channel));
        }
    }
}
