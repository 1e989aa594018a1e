package dev.zena.realtime.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zena.realtime.bench.client.Link;
import dev.zena.realtime.bench.client.LinkListener;
import dev.zena.realtime.bench.client.Transport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

/**
 * One client of the recovery storm (SPEC §9), ours only: it holds one channel, remembers the position it last
 * saw, and when it comes back names it in {@code since}. Each {@link #start round} checks what the server owes it:
 * the {@code recovery} verdict, then every offset after the remembered one up to the reply's position, in order,
 * each once and marked {@code recovered} — anything else is counted in the {@link RecoveryRound}. Calls arrive
 * one at a time per connection (its selector thread); the scenario thread only starts and closes it.
 */
final class Returner implements LinkListener {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ThreadLocal<EventScan> SCAN = ThreadLocal.withInitial(EventScan::new);

    private final String token;
    private final String channel;
    private long offset = -1;
    private String epoch;
    private RecoveryRound round;
    private boolean isSince;
    private boolean isReady;
    private boolean isComplete;
    private boolean isClosed;
    private long sinceOffset;
    private long expectedNext;
    private long target;
    private volatile Link link;

    Returner(String token, String channel) {
        this.token = token;
        this.channel = channel;
    }

    /**
     * Opens a new connection for {@code round}: a first subscribe when no position is known yet, otherwise a
     * subscribe with {@code since} at the last position seen. Called on the scenario thread, before the connect.
     */
    void start(Transport transport, InetSocketAddress server, String path, RecoveryRound round) {
        this.round = round;
        this.isSince = offset >= 0;
        this.sinceOffset = offset;
        this.expectedNext = offset + 1;
        this.target = -1;
        this.isReady = false;
        this.isComplete = false;
        this.isClosed = false;
        transport.connect(server, null, path, this);
    }

    @Override
    public void opened(Link opened) {
        this.link = opened;
    }

    @Override
    public void text(Link from, String text) {
        if (text.startsWith("{\"type\":\"event\"")) {
            onEvent(text);
        } else if (text.startsWith("{\"type\":\"connection\"")) {
            from.send("{\"type\":\"authenticate\",\"token\":\"" + token + "\"}");
        } else if (text.startsWith("{\"type\":\"authentication\"")) {
            from.send(subscribe());
        } else if (text.startsWith("{\"type\":\"subscription\"")) {
            onSubscription(text);
        } else if (text.startsWith("{\"type\":\"error\"") || text.startsWith("{\"type\":\"resync\"")) {
            round.onError(text);
        }
    }

    private String subscribe() {
        String since = !isSince
                ? ""
                : ",\"since\":{\"" + channel + "\":{\"offset\":" + sinceOffset + ",\"epoch\":\"" + epoch + "\"}}";
        return "{\"type\":\"subscribe\",\"channels\":[\"" + channel + "\"]" + since + "}";
    }

    private void onSubscription(String text) {
        JsonNode reply = parse(text);
        JsonNode position = reply.path("positions").path(channel);
        if (position.isMissingNode()) {
            round.onError("not granted: " + text);
            return;
        }
        isReady = true;
        round.onReady();
        target = position.path("offset").asLong();
        if (!isSince) {
            offset = target;
            epoch = position.path("epoch").asText();
            complete();
            return;
        }
        JsonNode verdict = reply.path("recovery").path(channel);
        if (!verdict.path("recovered").asBoolean()) {
            round.onRefused(verdict.path("reason").asText("no recovery verdict"));
            return;
        }
        round.onRecovered(target - sinceOffset);
        if (expectedNext > target) {
            complete();
        }
    }

    private void onEvent(String text) {
        EventScan scan = SCAN.get();
        if (!scan.scan(text) || !scan.isChannel(text, channel)) {
            round.onError("unreadable event: " + text);
            return;
        }
        long got = scan.offset();
        boolean isRecovered = text.contains("\"recovered\":true");
        if (got == expectedNext) {
            expectedNext++;
            offset = got;
            round.onEvent(isRecovered);
            if (isReady && !isComplete && expectedNext > target) {
                complete();
            }
        } else if (got < expectedNext) {
            round.onDuplicate();
        } else {
            round.onGap(got - expectedNext);
            expectedNext = got + 1;
            offset = got;
        }
    }

    private void complete() {
        isComplete = true;
        round.onComplete(isSince ? target - sinceOffset : 0);
    }

    @Override
    public void closed(Link from, int code, String reason) {
        if (isClosed) {
            return;
        }
        isClosed = true;
        round.onClosed(isReady, reason);
    }

    /** Closes the connection of this round, if it is open. */
    void close() {
        Link l = link;
        link = null;
        if (l != null) {
            l.close();
        }
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
