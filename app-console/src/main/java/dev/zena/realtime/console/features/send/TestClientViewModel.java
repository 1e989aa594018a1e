package dev.zena.realtime.console.features.send;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zena.realtime.console.client.AdminClient;
import dev.zena.realtime.console.client.AdminJson;
import dev.zena.realtime.console.client.ChannelEvent;
import dev.zena.realtime.console.client.ChannelKind;
import dev.zena.realtime.console.client.ChannelPatterns;
import dev.zena.realtime.console.client.ChannelPosition;
import dev.zena.realtime.console.client.WatchSocket;
import dev.zena.realtime.console.directory.Directory;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The built-in test client: connects to {@code /ws} as a chosen user with a five-minute token from the admin API,
 * subscribes to the chosen channels and lists every message the server sends it — exactly what that user's
 * browser would receive (events, subscription verdicts, unsubscriptions, errors, the close). It remembers the last
 * position it saw of each channel ({@link ChannelMemory}); Reconnect, after a Disconnect or a close by the server,
 * subscribes to those channels again with {@code since}, shows the server's recovery answer per channel and lists
 * the replayed events apart from live ones (SPEC §9). With presence events on, joined and left arrive as lines too.
 */
public final class TestClientViewModel {

    /** Lifetime of the test client's token. */
    static final int TOKEN_TTL_SECONDS = 300;
    /** The demo project whose channel the channels field starts with (docs/demo-data.md). */
    static final String EXAMPLE_PROJECT = "acme-tower";

    private static final int LOG_LIMIT = 500;

    private final AdminClient client;
    private final Executor ui;
    private final Clock clock;
    private final StringProperty user = new SimpleStringProperty("acme-member");
    private final StringProperty channels = new SimpleStringProperty();
    private final BooleanProperty presenceEvents = new SimpleBooleanProperty();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Not connected");
    private final ReadOnlyBooleanWrapper connected = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canReconnect = new ReadOnlyBooleanWrapper();
    private final ReadOnlyIntegerWrapper eventsReceived = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper recoveredReceived = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper positions = new ReadOnlyStringWrapper("");
    private final ObservableList<TestClientLine> log = FXCollections.observableArrayList();
    private final ObservableList<TestClientLine> logView = FXCollections.unmodifiableObservableList(log);
    private final ObservableList<RecoveryAnswer> recoveries = FXCollections.observableArrayList();
    private final ObservableList<RecoveryAnswer> recoveriesView = FXCollections.unmodifiableObservableList(recoveries);
    private final ChannelMemory memory = new ChannelMemory();
    private WatchSocket socket;
    private String lastUser;
    private int generation;

    /** Called once per session; channel names follow the patterns of {@code directory}. */
    public TestClientViewModel(AdminClient client, Directory directory, Executor ui, Clock clock) {
        this.client = client;
        this.ui = ui;
        this.clock = clock;
        channels.set(example(directory.patternsProperty().get()));
        directory.patternsProperty().addListener((o, before, after) -> {
            if (example(before).equals(channels.get())) {
                channels.set(example(after)); // still the example: follow the server's pattern
            }
        });
        busy.addListener((o, a, b) -> rememberChanged());
        connected.addListener((o, a, b) -> rememberChanged());
    }

    public StringProperty userProperty() {
        return user;
    }

    /** Channels to subscribe, separated by commas or spaces. */
    public StringProperty channelsProperty() {
        return channels;
    }

    /** Subscribe with {@code presence_events}: joined and left lines for the channels granted. */
    public BooleanProperty presenceEventsProperty() {
        return presenceEvents;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty connectedProperty() {
        return connected.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** True when not connected and some channel is remembered: Reconnect would recover what it missed. */
    public ReadOnlyBooleanProperty canReconnectProperty() {
        return canReconnect.getReadOnlyProperty();
    }

    /** Events received since the last Connect, live and replayed. */
    public ReadOnlyIntegerProperty eventsReceivedProperty() {
        return eventsReceived.getReadOnlyProperty();
    }

    /** Of those, the events replayed by recoveries ({@code "recovered":true}). */
    public ReadOnlyIntegerProperty recoveredReceivedProperty() {
        return recoveredReceived.getReadOnlyProperty();
    }

    /** The last position seen of each held channel: what a reconnect sends as {@code since}. */
    public ReadOnlyStringProperty positionsProperty() {
        return positions.getReadOnlyProperty();
    }

    /** What the server sent, newest last. */
    public ObservableList<TestClientLine> log() {
        return logView;
    }

    /** The last reconnect's recovery answers, one per channel asked with {@code since}. */
    public ObservableList<RecoveryAnswer> recoveries() {
        return recoveriesView;
    }

    /** Called by Connect (UI thread): a clean start — token, socket, then subscribe to the channels field. */
    public CompletableFuture<Void> connect() {
        String who = user.get() == null ? "" : user.get().strip();
        if (who.isEmpty() || busy.get()) {
            status.set(who.isEmpty() ? "Choose a user first" : status.get());
            return CompletableFuture.completedFuture(null);
        }
        disconnect();
        memory.forget();
        recoveries.clear();
        eventsReceived.set(0);
        recoveredReceived.set(0);
        log.clear();
        rememberChanged();
        List<String> wanted = channelList();
        return open(who, wanted, Map.of());
    }

    /**
     * Called by Reconnect (UI thread): the same user again, subscribing to the channels it held with the last
     * position seen of each as {@code since}; the log is kept, so the replayed events follow what came before.
     */
    public CompletableFuture<Void> reconnect() {
        if (!canReconnect.get()) {
            return CompletableFuture.completedFuture(null);
        }
        recoveries.clear();
        Map<String, ChannelPosition> since = memory.since();
        add(new TestClientLine(
                clock.instant(),
                TestClientLine.Kind.NOTE,
                "reconnecting as " + lastUser
                        + (since.isEmpty()
                                ? " — no position known, nothing to recover"
                                : " — since " + memory.describe())));
        return open(lastUser, memory.channels(), since);
    }

    /** Called by Subscribe (UI thread): adds the channels field's channels to the open socket. */
    public void subscribeMore() {
        if (socket != null) {
            socket.subscribe(channelList(), Map.of(), presenceEvents.get());
        }
    }

    /** Called by Disconnect and before a new connect (UI thread); what was seen of each channel is kept. */
    public void disconnect() {
        if (socket != null) {
            socket.close();
            socket = null;
            generation++;
            status.set(
                    memory.isEmpty()
                            ? "Disconnected"
                            : "Disconnected — Reconnect recovers what its channels miss meanwhile");
        }
        connected.set(false);
    }

    /** Called by Clear. */
    public void clearLog() {
        log.clear();
    }

    private CompletableFuture<Void> open(String who, List<String> wanted, Map<String, ChannelPosition> since) {
        int current = ++generation;
        lastUser = who;
        busy.set(true);
        status.set("Getting a " + TOKEN_TTL_SECONDS / 60 + "-minute token for " + who + "…");
        boolean isPresenceAsked = presenceEvents.get();
        return client.issueToken(who, TOKEN_TTL_SECONDS)
                .thenCompose(token ->
                        client.openSocket(token.token(), message -> ui.execute(() -> receive(current, message))))
                .thenCompose(opened -> {
                    ui.execute(() -> attach(current, opened, who));
                    return wanted.isEmpty()
                            ? CompletableFuture.completedFuture(null)
                            : opened.subscribe(wanted, since, isPresenceAsked);
                })
                .handleAsync(
                        (ok, error) -> {
                            busy.set(false);
                            if (error != null) {
                                connected.set(false);
                                status.set("Could not connect as " + who + ": " + SendViewModel.describe(error));
                            }
                            return null;
                        },
                        ui);
    }

    private static String example(ChannelPatterns patterns) {
        return patterns.nameOf(ChannelKind.PROJECT, EXAMPLE_PROJECT);
    }

    List<String> channelList() {
        String text = channels.get() == null ? "" : channels.get();
        return Arrays.stream(text.split("[,\\s]+"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .distinct()
                .toList();
    }

    private void attach(int from, WatchSocket opened, String who) {
        if (from != generation) {
            opened.close(); // disconnected while it was opening
            return;
        }
        socket = opened;
        connected.set(true);
        status.set("Connected as " + who + " — showing what " + who + "'s browser receives");
    }

    private void receive(int from, WatchSocket.Message message) {
        if (from != generation) {
            return; // a socket this view model already let go of
        }
        JsonNode json = message.json();
        switch (message.type()) {
            case "event" -> onEvent(AdminJson.channelEvent(json));
            case "subscription" -> onSubscription(json);
            case "unsubscription" -> memory.removed(json);
            case "closed" -> {
                socket = null;
                connected.set(false);
                status.set("Closed by the server (" + json.path("code").asInt() + " "
                        + json.path("reason").asText("") + ")"
                        + (memory.isEmpty() ? "" : " — Reconnect recovers what its channels miss meanwhile"));
            }
            default -> {}
        }
        rememberChanged();
        add(MessageLines.line(clock.instant(), message));
    }

    private void onEvent(ChannelEvent event) {
        eventsReceived.set(eventsReceived.get() + 1);
        memory.saw(event);
        if (event.isRecovered()) {
            recoveredReceived.set(recoveredReceived.get() + 1);
            for (int i = 0; i < recoveries.size(); i++) {
                if (recoveries.get(i).channel().equals(event.channel())) {
                    recoveries.set(i, recoveries.get(i).plusOne());
                }
            }
        }
    }

    private void onSubscription(JsonNode reply) {
        memory.granted(reply);
        reply.path("recovery")
                .fields()
                .forEachRemaining(entry -> recoveries.add(new RecoveryAnswer(
                        entry.getKey(),
                        entry.getValue().path("recovered").asBoolean(),
                        entry.getValue().hasNonNull("reason")
                                ? entry.getValue().path("reason").asText()
                                : null,
                        0)));
    }

    private void rememberChanged() {
        positions.set(memory.describe());
        canReconnect.set(!connected.get() && !busy.get() && lastUser != null && !memory.isEmpty());
    }

    private void add(TestClientLine line) {
        log.add(line);
        if (log.size() > LOG_LIMIT) {
            log.remove(0, log.size() - LOG_LIMIT);
        }
    }
}
