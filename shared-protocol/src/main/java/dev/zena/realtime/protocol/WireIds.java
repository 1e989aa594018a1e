package dev.zena.realtime.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** Reads and writes the {@code id} field, keeping numeric literals verbatim so the echo has the same JSON type. */
final class WireIds {

    static final String RULE = "\"id\" must be a string of at most 64 characters or a number";

    private WireIds() {}

    /** Reads the id value the parser is on; null for JSON null. An invalid id is never echoed, so none is attached. */
    static MessageId read(JsonParser parser, JsonToken token) throws IOException, ProtocolException {
        switch (token) {
            case VALUE_NULL:
                return null;
            case VALUE_STRING:
                String text = parser.getText();
                if (MessageId.isValidText(text)) {
                    return new MessageId.Text(text);
                }
                break;
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                // getText() is the literal as sent: 1.50 stays 1.50, 1e3 stays 1e3.
                return new MessageId.Numeric(parser.getText());
            default:
                break;
        }
        throw new ProtocolException(ErrorCode.INVALID_MESSAGE, RULE, null);
    }

    /** Writes {@code "id":…} when the id is present. */
    static void write(JsonGenerator generator, MessageId id) throws IOException {
        if (id instanceof MessageId.Text text) {
            generator.writeStringField("id", text.value());
        } else if (id instanceof MessageId.Numeric numeric) {
            generator.writeFieldName("id");
            generator.writeNumber(numeric.literal());
        }
    }
}
