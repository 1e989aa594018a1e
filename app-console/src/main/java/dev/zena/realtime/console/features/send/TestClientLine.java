package dev.zena.realtime.console.features.send;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** One line of the test client's log: when it arrived, what kind of line it is, and its text. */
public record TestClientLine(Instant at, Kind kind, String text) {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    /** What a line is, so the view can set replayed events apart from live ones (and problems from both). */
    public enum Kind {
        /** A live event of a channel. */
        EVENT,
        /** An event replayed after a reconnect ({@code "recovered":true}, SPEC §9). */
        RECOVERED_EVENT,
        /** Joined, left, a presence summary or a presence answer (SPEC §10). */
        PRESENCE,
        /** An error, a resync, a subscription the server ended, or a close. */
        WARNING,
        /** Any other server message: connection, authentication, subscription, unsubscription, pong. */
        MESSAGE,
        /** The console's own note: a reconnect began. */
        NOTE
    }

    /** The line as the log shows it: UTC time, two spaces, the text. */
    public String display() {
        return TIME.format(at) + "  " + text;
    }
}
