package dev.zena.realtime.console.features.send;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zena.realtime.console.client.AdminJson;
import dev.zena.realtime.console.client.ChannelEvent;
import dev.zena.realtime.console.client.ChannelPosition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * What the test client remembers of its channels across connections: the channels it was granted and the last
 * position it saw of each (SPEC §9) — from the {@code subscription} reply's {@code positions} and from every event
 * after it. A reconnect subscribes to them again with these positions as {@code since}. Used on the UI thread only.
 */
final class ChannelMemory {

    /** Held channels in the order granted; the value is null while no position is known (an older server). */
    private final Map<String, ChannelPosition> channels = new LinkedHashMap<>();

    /** Called by a fresh connect: another user, or a clean start. */
    void forget() {
        channels.clear();
    }

    /** Called with a {@code subscription} reply: its granted channels are held, at the positions it names. */
    void granted(JsonNode reply) {
        reply.path("granted").forEach(name -> channels.putIfAbsent(name.asText(), null));
        reply.path("positions")
                .fields()
                .forEachRemaining(entry -> advance(entry.getKey(), AdminJson.position(entry.getValue())));
    }

    /** Called with every event, live or replayed: a held channel moves on to the event's position. */
    void saw(ChannelEvent event) {
        advance(event.channel(), event.position());
    }

    /** Called with an {@code unsubscription}, asked for or not: its channels are no longer held. */
    void removed(JsonNode unsubscription) {
        unsubscription.path("channels").forEach(name -> channels.remove(name.asText()));
    }

    /** The held channels, in the order they were granted. */
    List<String> channels() {
        return List.copyOf(channels.keySet());
    }

    /** The last position seen of each held channel that has one: a reconnect's {@code since}. */
    Map<String, ChannelPosition> since() {
        Map<String, ChannelPosition> since = new LinkedHashMap<>();
        channels.forEach((name, position) -> {
            if (position != null) {
                since.put(name, position);
            }
        });
        return since;
    }

    boolean isEmpty() {
        return channels.isEmpty();
    }

    /** {@code project.P1 at #3 (epoch k3Jx) · task.T1 (no position)}, or empty when nothing is held. */
    String describe() {
        StringJoiner text = new StringJoiner(" · ");
        channels.forEach((name, at) -> text.add(
                name + (at == null ? " (no position)" : " at #" + at.offset() + " (epoch " + at.epoch() + ")")));
        return text.toString();
    }

    /** A position never moves back within an epoch; a new epoch (the history began again) replaces it. */
    private void advance(String channel, ChannelPosition next) {
        if (next == null || !channels.containsKey(channel)) {
            return;
        }
        ChannelPosition known = channels.get(channel);
        if (known == null || known.isBefore(next)) {
            channels.put(channel, next);
        }
    }
}
