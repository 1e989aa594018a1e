package dev.zena.realtime.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** Writes the bodies of the SPEC §10 presence messages; {@link ServerMessageWriter} has written {@code type}. */
final class PresenceWriter {

    private PresenceWriter() {}

    static void write(JsonGenerator g, ServerMessage message) throws IOException {
        if (message instanceof Presence m) {
            WireIds.write(g, m.id());
            g.writeStringField("channel", m.channel());
            g.writeNumberField("count", m.count());
            g.writeArrayFieldStart("users");
            for (PresenceMember user : m.users()) {
                g.writeStartObject();
                g.writeStringField("user_id", user.userId());
                g.writeStringField("user_name", user.userName());
                g.writeNumberField("connections", user.connections());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeBooleanField("truncated", m.truncated());
        } else if (message instanceof PresenceEvent m) {
            g.writeStringField("channel", m.channel());
            g.writeStringField("event", m.event());
            g.writeObjectFieldStart("user");
            g.writeStringField("user_id", m.userId());
            g.writeStringField("user_name", m.userName());
            g.writeEndObject();
            g.writeNumberField("connections", m.connections());
        } else if (message instanceof PresenceSummary m) {
            g.writeStringField("channel", m.channel());
            g.writeNumberField("count", m.count());
            ServerMessageWriter.writeStrings(g, "joined", m.joined());
            ServerMessageWriter.writeStrings(g, "left", m.left());
        } else {
            throw new IllegalStateException("unhandled server message " + message.type());
        }
    }
}
