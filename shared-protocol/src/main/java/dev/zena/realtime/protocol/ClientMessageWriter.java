package dev.zena.realtime.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** Writes client messages; channel lists always as {@code "channels"}, the one canonical form. */
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
                ServerMessageWriter.writeStrings(g, "channels", m.channels());
            } else if (message instanceof Unsubscribe m) {
                ServerMessageWriter.writeStrings(g, "channels", m.channels());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return out.toString();
    }
}
