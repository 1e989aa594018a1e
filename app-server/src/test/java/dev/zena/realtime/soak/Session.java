package dev.zena.realtime.soak;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zena.realtime.testing.WsClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One soak connection: a {@link WsClient} whose every received message passes through its {@link Ledger}. Used by
 * one thread. Waits end at a deadline and answer null rather than throw, so that an actor records what went wrong
 * and carries on.
 */
final class Session implements AutoCloseable {

    static final Duration READ = Duration.ofMillis(100);

    private final WsClient client;
    private final Ledger ledger;
    private String connectionId = "";

    private Session(WsClient client, Ledger ledger) {
        this.client = client;
        this.ledger = ledger;
    }

    /** Connects and authenticates with {@code token}; null (and a violation) when the server refuses. */
    static Session open(URI ws, String token, Ledger ledger) {
        Session session = new Session(WsClient.connect(ws), ledger);
        JsonNode greeting = session.await("connection", WsClient.WAIT);
        JsonNode reply = greeting == null
                ? null
                : session.request("{\"type\":\"authenticate\",\"token\":\"" + token + "\"}", "authentication");
        session.connectionId =
                greeting == null ? "" : greeting.path("connection_id").asText();
        if (reply == null) {
            ledger.violation("not authenticated");
            session.close();
            return null;
        }
        return session;
    }

    /** Subscribes to {@code channels}; {@code isExact} when nothing is published meanwhile. Answers the granted. */
    List<String> subscribe(List<String> channels, boolean isExact) {
        channels.forEach(ledger::asking);
        JsonNode reply = request(
                "{\"type\":\"subscribe\",\"channels\":[\"" + String.join("\",\"", channels) + "\"]}", "subscription");
        List<String> granted = new ArrayList<>();
        if (reply == null) {
            ledger.violation("no subscription reply for " + channels);
            channels.forEach(ledger::denied);
            return granted;
        }
        reply.path("granted").forEach(c -> granted.add(c.asText()));
        for (String channel : channels) {
            if (granted.contains(channel)) {
                ledger.granted(
                        channel,
                        reply.path("positions").path(channel).path("offset").asLong(),
                        isExact);
            } else {
                ledger.denied(channel);
            }
        }
        return granted;
    }

    /** Leaves {@code channel}, reading until the {@code unsubscription} reply. */
    void unsubscribe(String channel) {
        if (request("{\"type\":\"unsubscribe\",\"channel\":\"" + channel + "\"}", "unsubscription") == null) {
            ledger.violation("no unsubscription reply for " + channel);
        }
    }

    /** The next message (checked by the ledger), or null when none came within {@code wait}. */
    JsonNode read(Duration wait) {
        JsonNode message = client.poll(wait);
        return message == null ? null : ledger.accept(message);
    }

    /** Reads until a message of {@code type}; null when {@code deadline} passed or the connection closed. */
    JsonNode await(String type, Duration deadline) {
        long until = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < until) {
            JsonNode message = read(READ);
            if (message != null && type.equals(message.path("type").asText())) {
                return message;
            }
            if (message == null && client.isClosed()) {
                return null;
            }
        }
        return null;
    }

    /** Reads until the server closed the connection and everything before its close was read; its close code. */
    int awaitClose(Duration deadline) {
        long until = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < until) {
            if (read(READ) == null && client.isClosed()) {
                return client.awaitClose(Duration.ZERO);
            }
        }
        return 0;
    }

    /** The id the server's greeting named (what the admin API calls the connection). */
    String connectionId() {
        return connectionId;
    }

    boolean isClosed() {
        return client.isClosed();
    }

    Ledger ledger() {
        return ledger;
    }

    /** Stops reading (a slow consumer): the server's frames pile up in the socket and then in its send queue. */
    void stall() {
        client.silence();
    }

    void resume() {
        client.resume();
    }

    private JsonNode request(String text, String replyType) {
        client.send(text);
        return await(replyType, Duration.ofSeconds(15));
    }

    /** Sends a close frame and drops the socket at once, as a browser tab that is closed. */
    @Override
    public void close() {
        client.close();
    }
}
