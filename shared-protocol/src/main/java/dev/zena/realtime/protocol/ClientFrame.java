package dev.zena.realtime.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fields of one client frame as read, before they are judged against its {@code type}. A field of the wrong
 * shape is only an error for the types that use it; for the others it is an unknown field and ignored.
 */
final class ClientFrame {

    private static final String CHANNELS_RULE = "\"channels\" must be an array of 1 to 50 strings";

    String type;
    MessageId id;

    private String token;
    private boolean isTokenNotString;

    private boolean hasChannels;
    private List<String> channels;

    private boolean hasChannel;
    private String channel;

    private SinceField since;

    private boolean presenceEvents;
    private boolean isPresenceEventsNotBoolean;

    void readToken(JsonParser parser, JsonToken value) throws IOException {
        token = null;
        isTokenNotString = false;
        if (value == JsonToken.VALUE_STRING) {
            token = parser.getText();
        } else if (value != JsonToken.VALUE_NULL) {
            isTokenNotString = true;
            parser.skipChildren();
        }
    }

    /** JSON null counts as absent, like a null {@code id} or {@code token}: many client serialisers write nulls. */
    void readChannels(JsonParser parser, JsonToken value) throws IOException {
        hasChannels = value != JsonToken.VALUE_NULL;
        channels = null;
        if (value != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return;
        }
        List<String> names = new ArrayList<>();
        boolean isValid = true;
        JsonToken element;
        while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (isValid && element == JsonToken.VALUE_STRING && names.size() < ClientMessage.MAX_CHANNELS) {
                names.add(parser.getText());
            } else {
                isValid = false;
                parser.skipChildren();
            }
        }
        channels = isValid && !names.isEmpty() ? names : null;
    }

    void readChannel(JsonParser parser, JsonToken value) throws IOException {
        hasChannel = value != JsonToken.VALUE_NULL;
        channel = value == JsonToken.VALUE_STRING ? parser.getText() : null;
        parser.skipChildren();
    }

    void readSince(JsonParser parser, JsonToken value) throws IOException {
        since = SinceField.read(parser, value);
    }

    /** JSON null counts as absent, that is false. */
    void readPresenceEvents(JsonParser parser, JsonToken value) throws IOException {
        presenceEvents = value == JsonToken.VALUE_TRUE;
        isPresenceEventsNotBoolean =
                value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE && value != JsonToken.VALUE_NULL;
        parser.skipChildren();
    }

    ClientMessage toMessage() throws ProtocolException {
        if (type == null) {
            throw invalid("Message needs a string \"type\"");
        }
        return switch (type) {
            case Authenticate.TYPE -> authenticate();
            case Subscribe.TYPE -> subscribe();
            case Unsubscribe.TYPE -> new Unsubscribe(id, channelList(Unsubscribe.TYPE));
            case PresenceQuery.TYPE -> presenceQuery();
            case Ping.TYPE -> new Ping(id);
            default ->
                throw new ProtocolException(
                        ErrorCode.UNKNOWN_TYPE,
                        "Unknown message type; expected authenticate, subscribe, unsubscribe, presence or ping",
                        id);
        };
    }

    private Authenticate authenticate() throws ProtocolException {
        if (isTokenNotString) {
            throw invalid("\"token\" must be a string");
        }
        return new Authenticate(id, token);
    }

    private Subscribe subscribe() throws ProtocolException {
        List<String> channels = channelList(Subscribe.TYPE);
        if (since != null && since.problem() != null) {
            throw invalid(since.problem());
        }
        if (isPresenceEventsNotBoolean) {
            throw invalid("\"presence_events\" must be a boolean");
        }
        Map<String, StreamPosition> positions = since == null ? Map.of() : since.positions();
        return new Subscribe(id, channels, positions, presenceEvents);
    }

    /** One channel only: a list would promise an answer per channel, which the reply has no room for. */
    private PresenceQuery presenceQuery() throws ProtocolException {
        if (hasChannels) {
            throw invalid("presence takes one \"channel\" (a string), not \"channels\"");
        }
        if (!hasChannel) {
            throw invalid("presence needs \"channel\" (a string)");
        }
        if (channel == null) {
            throw invalid("\"channel\" must be a string");
        }
        return new PresenceQuery(id, channel);
    }

    private List<String> channelList(String type) throws ProtocolException {
        if (hasChannels && hasChannel) {
            throw invalid("Use either \"channels\" or \"channel\", not both");
        }
        if (hasChannels) {
            if (channels == null) {
                throw invalid(CHANNELS_RULE);
            }
            return channels;
        }
        if (hasChannel) {
            if (channel == null) {
                throw invalid("\"channel\" must be a string");
            }
            return List.of(channel);
        }
        throw invalid(type + " needs \"channels\" (an array of 1 to 50 strings) or \"channel\" (a string)");
    }

    private ProtocolException invalid(String message) {
        return new ProtocolException(ErrorCode.INVALID_MESSAGE, message, id);
    }
}
