package dev.zena.realtime.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Objects;

/**
 * The JSON codec of the wire protocol: client messages in and server messages out on the server, the reverse in
 * clients (tests, console, load generator). Thread-safe and cheap to share: build one and use it everywhere.
 *
 * <p>Decoding streams over the text once with a Jackson parser (no data binding); encoding writes fields directly,
 * compact, {@code type} first, {@code id} right after it when present, {@code timestamp} last.
 */
public final class WireCodec {

    private final ClientMessageReader clientReader;
    private final ServerMessageWriter serverWriter;
    private final ServerMessageReader serverReader;
    private final ClientMessageWriter clientWriter;

    /** Creates a codec with its own Jackson factory; called once at start-up. */
    public WireCodec() {
        JsonFactory factory = JsonFactory.builder()
                // Silent last-wins on a repeated key would surprise a client author; reject instead.
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // Field names come from untrusted clients: do not intern them into the JVM string table.
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                .build();
        ObjectMapper mapper = new ObjectMapper(factory);
        this.clientReader = new ClientMessageReader(factory);
        this.serverWriter = new ServerMessageWriter(factory);
        this.serverReader = new ServerMessageReader(factory, mapper);
        this.clientWriter = new ClientMessageWriter(factory);
    }

    /**
     * Decodes one client text frame; called by the server for every inbound message.
     *
     * @throws ProtocolException with {@link ErrorCode#INVALID_MESSAGE} or {@link ErrorCode#UNKNOWN_TYPE}, carrying the
     *     client's id when the frame was a JSON object with a valid id
     */
    public ClientMessage decode(String text) throws ProtocolException {
        return clientReader.read(Objects.requireNonNull(text, "text"));
    }

    /** Encodes a server message as compact JSON; called by the server for every outbound message. */
    public String encode(ServerMessage message) {
        return serverWriter.write(Objects.requireNonNull(message, "message"));
    }

    /**
     * Decodes one server text frame; called by clients (tests, console, load generator).
     *
     * @throws ProtocolException when the frame is not a server message this protocol knows, or lacks a field
     */
    public ServerMessage decodeServer(String text) throws ProtocolException {
        return serverReader.read(Objects.requireNonNull(text, "text"));
    }

    /** Encodes a client message as compact JSON; called by clients. Channels are always written as {@code "channels"}. */
    public String encode(ClientMessage message) {
        return clientWriter.write(Objects.requireNonNull(message, "message"));
    }

    /** Formats an instant for the wire: UTC, exactly three fraction digits (truncated, never rounded up) and {@code Z}. */
    public static String formatInstant(Instant instant) {
        return WireInstants.format(Objects.requireNonNull(instant, "instant"));
    }

    /**
     * Parses an ISO-8601 instant such as {@code 2026-11-25T10:30:00.123Z} (any fraction length or offset accepted);
     * used when reading wire or API instants.
     *
     * @throws java.time.format.DateTimeParseException when the text is not an ISO-8601 instant
     */
    public static Instant parseInstant(String text) {
        return WireInstants.parse(Objects.requireNonNull(text, "text"));
    }
}
