package dev.zena.realtime.console.features.send;

import dev.zena.realtime.console.client.AdminClient;
import dev.zena.realtime.console.client.ChannelKind;
import dev.zena.realtime.console.client.ChannelPatterns;
import dev.zena.realtime.console.client.WatchSocket;
import dev.zena.realtime.console.directory.Directory;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The built-in test client: connects to {@code /ws} as a chosen user with a five-minute token from the admin API,
 * subscribes to the chosen channels and lists every message the server sends it — exactly what that user's
 * browser would receive (events, subscription verdicts, unsubscriptions, errors, the close).
 */
public final class TestClientViewModel {

    /** Lifetime of the test client's token. */
    static final int TOKEN_TTL_SECONDS = 300;
    /** The demo project whose channel the channels field starts with (docs/demo-data.md). */
    static final String EXAMPLE_PROJECT = "acme-tower";
    private static final int LOG_LIMIT = 500;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final AdminClient client;
    private final Executor ui;
    private final Clock clock;
    private final StringProperty user = new SimpleStringProperty("acme-member");
    private final StringProperty channels = new SimpleStringProperty();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Not connected");
    private final ReadOnlyBooleanWrapper connected = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyIntegerWrapper eventsReceived = new ReadOnlyIntegerWrapper();
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final ObservableList<String> logView = FXCollections.unmodifiableObservableList(log);
    private WatchSocket socket;
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
    }

    public StringProperty userProperty() {
        return user;
    }

    /** Channels to subscribe, separated by commas or spaces. */
    public StringProperty channelsProperty() {
        return channels;
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

    /** Events received since the last connect. */
    public ReadOnlyIntegerProperty eventsReceivedProperty() {
        return eventsReceived.getReadOnlyProperty();
    }

    /** What the server sent, newest last. */
    public ObservableList<String> log() {
        return logView;
    }

    /** Called by Connect (UI thread): token, socket, then subscribe. */
    public CompletableFuture<Void> connect() {
        String who = user.get() == null ? "" : user.get().strip();
        if (who.isEmpty() || busy.get()) {
            status.set(who.isEmpty() ? "Choose a user first" : status.get());
            return CompletableFuture.completedFuture(null);
        }
        disconnect();
        int current = ++generation;
        busy.set(true);
        eventsReceived.set(0);
        log.clear();
        status.set("Getting a " + TOKEN_TTL_SECONDS / 60 + "-minute token for " + who + "…");
        List<String> wanted = channelList();
        return client.issueToken(who, TOKEN_TTL_SECONDS)
                .thenCompose(token -> client.openSocket(token.token(), message -> ui.execute(() -> receive(current, message))))
                .thenCompose(opened -> {
                    ui.execute(() -> attach(opened, who));
                    return wanted.isEmpty() ? CompletableFuture.completedFuture(null) : opened.subscribe(wanted);
                })
                .handleAsync((ok, error) -> {
                    busy.set(false);
                    if (error != null) {
                        connected.set(false);
                        status.set("Could not connect as " + who + ": " + SendViewModel.describe(error));
                    }
                    return null;
                }, ui);
    }

    /** Called by Subscribe (UI thread): adds the channels field's channels to the open socket. */
    public void subscribeMore() {
        if (socket != null) {
            socket.subscribe(channelList());
        }
    }

    /** Called by Disconnect and before a new connect (UI thread). */
    public void disconnect() {
        if (socket != null) {
            socket.close();
            socket = null;
            generation++;
            status.set("Disconnected");
        }
        connected.set(false);
    }

    /** Called by Clear. */
    public void clearLog() {
        log.clear();
    }

    private static String example(ChannelPatterns patterns) {
        return patterns.nameOf(ChannelKind.PROJECT, EXAMPLE_PROJECT);
    }

    List<String> channelList() {
        String text = channels.get() == null ? "" : channels.get();
        return Arrays.stream(text.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    private void attach(WatchSocket opened, String who) {
        socket = opened;
        connected.set(true);
        status.set("Connected as " + who + " — showing what " + who + "'s browser receives");
    }

    private void receive(int from, WatchSocket.Message message) {
        if (from != generation) {
            return; // a socket this view model already let go of
        }
        if ("event".equals(message.type())) {
            eventsReceived.set(eventsReceived.get() + 1);
        }
        if ("closed".equals(message.type())) {
            connected.set(false);
            status.set("Closed by the server (" + message.json().path("code").asInt() + " "
                    + message.json().path("reason").asText("") + ")");
        }
        log.add(TIME.format(clock.instant()) + "  " + summarize(message));
        if (log.size() > LOG_LIMIT) {
            log.remove(0, log.size() - LOG_LIMIT);
        }
    }

    private static String names(com.fasterxml.jackson.databind.JsonNode array) {
        List<String> names = new java.util.ArrayList<>();
        array.forEach(n -> names.add(n.asText()));
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    private static String denied(com.fasterxml.jackson.databind.JsonNode array) {
        List<String> refusals = new java.util.ArrayList<>();
        array.forEach(d -> refusals.add(d.path("channel").asText() + " (" + d.path("status").asInt() + " "
                + d.path("code").asText() + ")"));
        return refusals.isEmpty() ? "" : " · denied: " + String.join(", ", refusals);
    }

    static String summarize(WatchSocket.Message message) {
        var json = message.json();
        return switch (message.type()) {
            case "event" -> "event " + json.path("event").asText() + " on " + json.path("channel").asText()
                    + (json.path("test").asBoolean() ? " (test)" : "") + "  " + json.path("data");
            case "subscription" -> "subscription granted: " + names(json.path("granted")) + denied(json.path("denied"));
            case "unsubscription" -> "unsubscription " + names(json.path("channels"))
                    + (json.has("reason") ? " — " + json.path("reason").path("code").asText() : "");
            case "error" -> "error " + json.path("code").asText() + " (" + json.path("status").asInt() + "): "
                    + json.path("message").asText();
            case "authentication" -> "authentication " + json.path("status").asText() + " as "
                    + json.path("user_id").asText() + " (tenant " + json.path("tenant_id").asText() + ")";
            case "connection" -> "connection " + json.path("connection_id").asText();
            default -> message.raw();
        };
    }
}
