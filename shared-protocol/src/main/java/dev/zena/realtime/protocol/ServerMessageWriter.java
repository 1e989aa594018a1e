package dev.zena.realtime.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Writes server messages field by field, in the order of the SPEC §3, §9 and §10 examples. */
final class ServerMessageWriter {

    private final JsonFactory factory;

    ServerMessageWriter(JsonFactory factory) {
        this.factory = factory;
    }

    String write(ServerMessage message) {
        StringWriter out = new StringWriter(128);
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", message.type());
            writeBody(g, message);
            g.writeStringField("timestamp", WireInstants.format(message.timestamp()));
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return out.toString();
    }

    private static void writeBody(JsonGenerator g, ServerMessage message) throws IOException {
        if (message instanceof Event m) {
            writeEvent(g, m);
        } else if (message instanceof Connection m) {
            g.writeStringField("connection_id", m.connectionId());
            g.writeObjectFieldStart("heartbeat");
            g.writeNumberField("interval", m.heartbeatInterval());
            g.writeNumberField("timeout", m.heartbeatTimeout());
            g.writeEndObject();
        } else if (message instanceof Authentication m) {
            WireIds.write(g, m.id());
            g.writeStringField("status", "success");
            g.writeStringField("user_id", m.userId());
            g.writeStringField("tenant_id", m.tenantId());
            g.writeStringField("user_name", m.userName());
            g.writeStringField("expires_at", WireInstants.format(m.expiresAt()));
        } else if (message instanceof Subscription m) {
            writeSubscription(g, m);
        } else if (message instanceof Unsubscription m) {
            writeUnsubscription(g, m);
        } else if (message instanceof Pong m) {
            WireIds.write(g, m.id());
        } else if (message instanceof ErrorReply m) {
            WireIds.write(g, m.id());
            writeCode(g, m.code(), m.message());
        } else if (message instanceof Resync m) {
            g.writeStringField("channel", m.channel());
            g.writeNumberField("offset", m.offset());
            g.writeStringField("epoch", m.epoch());
            g.writeStringField("reason", m.reason());
        } else {
            PresenceWriter.write(g, message);
        }
    }

    private static void writeEvent(JsonGenerator g, Event m) throws IOException {
        g.writeStringField("channel", m.channel());
        g.writeStringField("event", m.event());
        g.writeFieldName("data");
        g.writeTree(m.data());
        g.writeNumberField("offset", m.offset());
        if (m.epoch() != null) {
            g.writeStringField("epoch", m.epoch());
        }
        if (m.test()) {
            g.writeBooleanField("test", true);
        }
        if (m.recovered()) {
            g.writeBooleanField("recovered", true);
        }
    }

    private static void writeSubscription(JsonGenerator g, Subscription m) throws IOException {
        WireIds.write(g, m.id());
        writeStrings(g, "granted", m.granted());
        g.writeArrayFieldStart("denied");
        for (Denial denial : m.denied()) {
            g.writeStartObject();
            g.writeStringField("channel", denial.channel());
            g.writeNumberField("status", denial.status());
            g.writeStringField("code", denial.code().name());
            g.writeStringField("message", denial.message());
            g.writeEndObject();
        }
        g.writeEndArray();
        writePositions(g, "positions", m.positions());
        if (m.recovery() != null) {
            writeRecovery(g, m.recovery());
        }
    }

    private static void writeRecovery(JsonGenerator g, Map<String, Recovery> recovery) throws IOException {
        g.writeObjectFieldStart("recovery");
        for (Map.Entry<String, Recovery> entry : recovery.entrySet()) {
            g.writeObjectFieldStart(entry.getKey());
            g.writeBooleanField("recovered", entry.getValue().recovered());
            if (entry.getValue().reason() != null) {
                g.writeStringField("reason", entry.getValue().reason().wireName());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void writeUnsubscription(JsonGenerator g, Unsubscription m) throws IOException {
        WireIds.write(g, m.id());
        writeStrings(g, "channels", m.channels());
        writeStrings(g, "remaining_channels", m.remainingChannels());
        if (m.reason() != null) {
            g.writeObjectFieldStart("reason");
            writeCode(g, m.reason().code(), m.reason().message());
            g.writeEndObject();
        }
    }

    private static void writeCode(JsonGenerator g, ErrorCode code, String message) throws IOException {
        g.writeStringField("code", code.name());
        g.writeNumberField("status", code.status());
        g.writeStringField("message", message);
    }

    /** Writes {@code "field":{"channel":{"offset":N,"epoch":"…"},…}} in the map's order (both directions). */
    static void writePositions(JsonGenerator g, String field, Map<String, StreamPosition> positions)
            throws IOException {
        g.writeObjectFieldStart(field);
        for (Map.Entry<String, StreamPosition> entry : positions.entrySet()) {
            g.writeObjectFieldStart(entry.getKey());
            g.writeNumberField("offset", entry.getValue().offset());
            g.writeStringField("epoch", entry.getValue().epoch());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    static void writeStrings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String value : values) {
            g.writeString(value);
        }
        g.writeEndArray();
    }
}
