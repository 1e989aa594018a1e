package dev.zena.realtime.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code since} field of a client frame as read (SPEC §9): channel positions in wire order, or the first problem
 * found in them. It is read whatever the frame's type and judged only for {@code subscribe}. Unknown fields inside an
 * entry are ignored, as at the top level.
 */
final class SinceField {

    /** Longest part of a client's channel name quoted back in a problem, so the reply stays short. */
    private static final int LABEL_LENGTH = 40;

    private static final int MAX_OFFSET_DIGITS =
            Long.toString(StreamPosition.MAX_OFFSET).length();

    private final Map<String, StreamPosition> positions = new LinkedHashMap<>();
    private String problem;

    private SinceField() {}

    /** Reads the value the parser is on, up to its end; JSON null means no positions. */
    static SinceField read(JsonParser parser, JsonToken value) throws IOException {
        SinceField since = new SinceField();
        if (value == JsonToken.VALUE_NULL) {
            return since;
        }
        if (value != JsonToken.START_OBJECT) {
            since.problem = "\"since\" must be an object of channel positions";
            parser.skipChildren();
            return since;
        }
        String channel;
        while ((channel = parser.nextFieldName()) != null) {
            JsonToken entry = parser.nextToken();
            if (since.problem == null && since.positions.size() == ClientMessage.MAX_CHANNELS) {
                since.problem = "\"since\" may name at most " + ClientMessage.MAX_CHANNELS + " channels";
            }
            if (since.problem == null) {
                since.readEntry(parser, channel, entry);
            } else {
                parser.skipChildren();
            }
        }
        return since;
    }

    /** The positions read, in wire order. */
    Map<String, StreamPosition> positions() {
        return positions;
    }

    /** The first problem found, as a message for the client, or null when the field is well formed. */
    String problem() {
        return problem;
    }

    private void readEntry(JsonParser parser, String channel, JsonToken entry) throws IOException {
        if (entry != JsonToken.START_OBJECT) {
            problem = "\"since." + label(channel) + "\" must be an object with \"offset\" and \"epoch\"";
            parser.skipChildren();
            return;
        }
        long offset = -1;
        String epoch = null;
        String name;
        while ((name = parser.nextFieldName()) != null) {
            JsonToken value = parser.nextToken();
            if (name.equals("offset")) {
                offset = offset(parser, value);
            } else if (name.equals("epoch") && value == JsonToken.VALUE_STRING) {
                epoch = parser.getText();
            }
            parser.skipChildren();
        }
        if (offset < 0) {
            problem = "\"since." + label(channel) + ".offset\" must be a non-negative integer (at most 2^53)";
        } else if (epoch == null || !StreamPosition.isValidEpoch(epoch)) {
            problem = "\"since." + label(channel) + ".epoch\" must be a string of 1 to "
                    + StreamPosition.MAX_EPOCH_LENGTH + " characters";
        } else {
            positions.put(channel, new StreamPosition(offset, epoch));
        }
    }

    /**
     * The offset as a plain integer literal, or -1. Judged on the literal as sent: a fraction or exponent
     * ({@code 41.0}, {@code 4.1e1}) and a sign ({@code -0}) are refused rather than converted.
     */
    private static long offset(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_NUMBER_INT) {
            return -1;
        }
        String literal = parser.getText();
        if (literal.startsWith("-") || literal.length() > MAX_OFFSET_DIGITS) {
            return -1;
        }
        long offset = Long.parseLong(literal);
        return offset <= StreamPosition.MAX_OFFSET ? offset : -1;
    }

    /** A client's channel name made safe to quote in a reply or a log line: no control characters, bounded length. */
    private static String label(String channel) {
        StringBuilder label = new StringBuilder(Math.min(channel.length(), LABEL_LENGTH + 1));
        for (int i = 0; i < channel.length() && i < LABEL_LENGTH; i++) {
            char c = channel.charAt(i);
            label.append(Character.isISOControl(c) ? '?' : c);
        }
        if (channel.length() > LABEL_LENGTH) {
            if (Character.isHighSurrogate(label.charAt(LABEL_LENGTH - 1))) {
                label.setLength(LABEL_LENGTH - 1);
            }
            label.append('…');
        }
        return label.toString();
    }
}
