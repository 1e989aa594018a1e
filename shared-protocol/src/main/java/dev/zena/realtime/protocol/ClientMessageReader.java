package dev.zena.realtime.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import java.io.IOException;

/**
 * Decodes client frames in one streaming pass. The whole object is read before its fields are judged, because
 * what a field must look like depends on {@code type}, which may come last, and unknown fields are ignored.
 */
final class ClientMessageReader {

    private final JsonFactory factory;

    ClientMessageReader(JsonFactory factory) {
        this.factory = factory;
    }

    ClientMessage read(String text) throws ProtocolException {
        ClientFrame frame = new ClientFrame();
        try (JsonParser parser = factory.createParser(text)) {
            readObject(parser, frame);
        } catch (StreamConstraintsException e) {
            throw new ProtocolException(
                    ErrorCode.INVALID_MESSAGE, "Message exceeds JSON limits (nesting depth or value length)", null);
        } catch (StreamReadException e) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, describe(e), null);
        } catch (IOException e) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "Message is not valid JSON", null);
        }
        return frame.toMessage();
    }

    private static void readObject(JsonParser parser, ClientFrame frame) throws IOException, ProtocolException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "Message is empty", null);
        }
        if (first != JsonToken.START_OBJECT) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "Message must be a JSON object", null);
        }
        String name;
        while ((name = parser.nextFieldName()) != null) {
            JsonToken value = parser.nextToken();
            switch (name) {
                case "type" -> {
                    frame.type = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    parser.skipChildren();
                }
                case "id" -> frame.id = WireIds.read(parser, value);
                case "token" -> frame.readToken(parser, value);
                case "channels" -> frame.readChannels(parser, value);
                case "channel" -> frame.readChannel(parser, value);
                case "since" -> frame.readSince(parser, value);
                case "presence_events" -> frame.readPresenceEvents(parser, value);
                default -> parser.skipChildren();
            }
        }
        if (parser.nextToken() != null) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "Message must be exactly one JSON object", null);
        }
    }

    /** A short message for the client: Jackson's own text names internals and source positions. */
    private static String describe(StreamReadException e) {
        String original = e.getOriginalMessage();
        if (original != null && original.startsWith("Duplicate field")) {
            String field = e.getProcessor() == null
                    ? null
                    : e.getProcessor().getParsingContext().getCurrentName();
            return field == null || field.length() > 64
                    ? "Message has a duplicate field"
                    : "Message has a duplicate field \"" + field + "\"";
        }
        return "Message is not valid JSON";
    }
}
