package dev.zena.realtime.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Writes client messages in one canonical form: channel lists always as {@code "channels"}; a subscribe's
 * {@code since} only when it has entries and {@code presence_events} only when true, so a plain subscribe is
 * written as {@code {"type":"subscribe","id":…,"channels":[…]}} and nothing more.
 */
final class ClientMessageWriter {

    private final JsonFactory factory;

    ClientMessageWriter(JsonFactory factory) {
        this.factory = factory;
    }

    String write(ClientMessage message) {
        StringWriter out = new StringWriter(64);
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", message.type());
            WireIds.write(g, message.id());
            if (message instanceof Authenticate m) {
                g.writeStringField("token", m.token());
            } else if (message instanceof Subscribe m) {
                writeSubscribe(g, m);
            } else if (message instanceof Unsubscribe m) {
                ServerMessageWriter.writeStrings(g, "channels", m.channels());
            } else if (message instanceof PresenceQuery m) {
                g.writeStringField("channel", m.channel());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return out.toString();
    }

    private static void writeSubscribe(JsonGenerator g, Subscribe m) throws IOException {
        ServerMessageWriter.writeStrings(g, "channels", m.channels());
        if (!m.since().isEmpty()) {
            ServerMessageWriter.writePositions(g, "since", m.since());
        }
        if (m.presenceEvents()) {
            g.writeBooleanField("presence_events", true);
        }
    }
}
