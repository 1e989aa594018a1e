package dev.zena.realtime.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** Decodes server frames for clients: the top level is streamed (to keep numeric ids verbatim), values become trees. */
final class ServerMessageReader {

    private final JsonFactory factory;
    private final ObjectMapper mapper;

    ServerMessageReader(JsonFactory factory, ObjectMapper mapper) {
        this.factory = factory;
        this.mapper = mapper;
    }

    ServerMessage read(String text) throws ProtocolException {
        MessageId id = null;
        Map<String, JsonNode> fields = new HashMap<>();
        try (JsonParser parser = factory.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "Message must be a JSON object", null);
            }
            String name;
            while ((name = parser.nextFieldName()) != null) {
                JsonToken value = parser.nextToken();
                if (name.equals("id")) {
                    id = WireIds.read(parser, value);
                } else {
                    fields.put(name, mapper.readTree(parser));
                }
            }
            if (parser.nextToken() != null) {
                throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "Message must be exactly one JSON object", null);
            }
        } catch (IOException e) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "Message is not valid JSON", null);
        }
        return new ServerFields(id, fields).toMessage();
    }
}
