package dev.zena.realtime.pusher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.zena.realtime.broker.Broker;
import dev.zena.realtime.broker.Envelope;
import java.util.List;

/**
 * Delivers one Laravel broadcast (an event name, its data and the Laravel channels it names) through the broker,
 * after mapping every channel first: one unmapped channel refuses the whole event, so nothing is delivered
 * elsewhere or half-way. Shared by the Pusher HTTP API and the Redis listener (SPEC §12). Thread-safe.
 */
public final class LaravelEvent {

    /** The most bytes of {@code data} (SPEC §12). */
    static final int MAX_DATA_BYTES = 10_240;
    /** The most channels of one event. */
    static final int MAX_CHANNELS = 100;

    private static final int MAX_NAME_LENGTH = 128;

    private final LaravelChannels channels;
    private final Broker broker;
    private final ObjectMapper mapper;

    /** Built once per server. */
    public LaravelEvent(LaravelChannels channels, Broker broker, ObjectMapper mapper) {
        this.channels = channels;
        this.broker = broker;
        this.mapper = mapper;
    }

    /**
     * Maps every channel, then publishes the event once per channel (skipping the Pusher connection
     * {@code socketId}, null for none). {@code data} that is a JSON text is delivered as that JSON value. Answers
     * how many connections of this node it reached.
     *
     * @throws PusherRefusal 400 (bad name, too many or unmapped channels) or 413 ({@code data} too large)
     * @throws dev.zena.realtime.broker.BrokerUnavailableException when the broker cannot be reached
     */
    public int publish(String name, JsonNode data, List<String> laravelChannels, String socketId) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw PusherRefusal.badRequest("name is required: 1.." + MAX_NAME_LENGTH + " characters");
        }
        if (laravelChannels.isEmpty() || laravelChannels.size() > MAX_CHANNELS) {
            throw PusherRefusal.badRequest("channels must name 1.." + MAX_CHANNELS + " channels");
        }
        JsonNode value = valueOf(data);
        List<LaravelChannels.Target> targets =
                laravelChannels.stream().map(this::target).toList();
        int delivered = 0;
        for (LaravelChannels.Target target : targets) {
            delivered +=
                    broker.publish(new Envelope(target.tenantId(), target.channelName(), name, value, false, socketId));
        }
        return delivered;
    }

    /** The channel's mapping whose resource exists. @throws PusherRefusal 400 naming the channel */
    LaravelChannels.Target target(String laravelChannel) {
        return channels.resolve(laravelChannel)
                .orElseThrow(() -> PusherRefusal.badRequest("Unknown channel " + laravelChannel
                        + ": it maps to no channel of laravel.channels, or its resource does not exist"));
    }

    private JsonNode valueOf(JsonNode data) {
        if (data == null || data.isNull()) {
            return mapper.createObjectNode();
        }
        String text = data.isTextual() ? data.asText() : data.toString();
        if (text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_DATA_BYTES) {
            throw new PusherRefusal(413, "data exceeds " + MAX_DATA_BYTES + " bytes");
        }
        if (!data.isTextual()) {
            return data;
        }
        try {
            JsonNode parsed = mapper.readTree(text);
            return parsed == null ? TextNode.valueOf(text) : parsed;
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(text); // not JSON: delivered as the string it is
        }
    }
}
