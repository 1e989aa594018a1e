package dev.zena.realtime.broker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * The text forms of publications and presence messages in Redis. An event's body is JSON
 * ({@code {"tenant","event","data","test"}}); the publish script keeps it in the history stream beside its time
 * and sends it on pub/sub as {@code "offset epoch millis body"}, so that both carry the same stamped event.
 * A presence message travels as {@code "<tenant length>:<tenant><message>"}. Thread-safe.
 */
final class PublicationCodec {

    private final ObjectMapper mapper = JsonMapper.builder().build();

    /** The body of an event as the publish script stores and sends it. */
    String body(Envelope envelope) {
        ObjectNode body = mapper.createObjectNode();
        body.put("tenant", envelope.tenantId());
        body.put("event", envelope.event());
        if (envelope.data() != null) {
            body.set("data", envelope.data());
        }
        body.put("test", envelope.isTest());
        if (envelope.exceptConnection() != null) {
            body.put("except", envelope.exceptConnection());
        }
        return body.toString();
    }

    /** A publication of {@code channel} as pub/sub carries it: {@code "offset epoch millis body"}. */
    Publication fromMessage(String channel, String message) {
        int first = message.indexOf(' ');
        int second = message.indexOf(' ', first + 1);
        int third = message.indexOf(' ', second + 1);
        if (first < 0 || second < 0 || third < 0) {
            throw new IllegalArgumentException(
                    "not a publication: " + message.substring(0, Math.min(40, message.length())));
        }
        return fromEntry(
                channel,
                Long.parseLong(message.substring(0, first)),
                message.substring(first + 1, second),
                message.substring(second + 1, third),
                message.substring(third + 1));
    }

    /**
     * True when the pub/sub message {@code message} carries an offset at or before {@code last} in its epoch (it was
     * delivered already); false when {@code last} is null or the message is not a publication. Reads only the
     * message's head: cheap enough for Lettuce's I/O thread.
     */
    static boolean isAtOrBefore(String message, Position last) {
        if (last == null) {
            return false;
        }
        int first = message.indexOf(' ');
        if (first <= 0 || first > 19) {
            return false;
        }
        String epoch = last.epoch();
        if (!message.startsWith(epoch, first + 1)
                || message.length() <= first + 1 + epoch.length()
                || message.charAt(first + 1 + epoch.length()) != ' ') {
            return false;
        }
        long offset = 0;
        for (int i = 0; i < first; i++) {
            char c = message.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            offset = offset * 10 + (c - '0');
        }
        return offset <= last.offset();
    }

    /** A publication of {@code channel} read back from its history. */
    Publication fromEntry(String channel, long offset, String epoch, String millis, String body) {
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a publication body", e);
        }
        Envelope envelope = new Envelope(
                node.path("tenant").asText(),
                channel,
                node.path("event").asText(),
                node.get("data"),
                node.path("test").asBoolean(),
                node.hasNonNull("except") ? node.get("except").asText() : null);
        return new Publication(envelope, offset, epoch, Instant.ofEpochMilli(Long.parseLong(millis)));
    }

    /** A presence message of a tenant as pub/sub carries it. */
    static String presence(String tenantId, String message) {
        return tenantId.length() + ":" + tenantId + message;
    }

    /** The tenant and the message of a presence message read from pub/sub. */
    static String[] fromPresence(String text) {
        int colon = text.indexOf(':');
        int length = Integer.parseInt(text.substring(0, colon));
        return new String[] {text.substring(colon + 1, colon + 1 + length), text.substring(colon + 1 + length)};
    }
}
