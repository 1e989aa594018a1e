package dev.zena.realtime.console.features.connections;

import dev.zena.realtime.console.client.AdminApiException;
import dev.zena.realtime.console.client.AdminClient;
import dev.zena.realtime.console.client.ChannelHistory;
import dev.zena.realtime.console.client.ChannelPosition;
import dev.zena.realtime.console.client.ChannelPresence;
import dev.zena.realtime.console.client.ConnectionInfo;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One channel's position (SPEC §9) and presence (SPEC §10), read through the REST twins with the console's admin
 * token: the channel is the selected connection's first one unless another is chosen. It is read when the channel or
 * the selected connection changes and on Refresh — never on a timer, so a busy table does not turn into a stream of
 * reads. A channel the admin may not read says so with the status the server answered. State changes on the UI
 * executor only.
 */
public final class ChannelStateViewModel {

    static final String HINT = "Select a connection, or type a channel, to see its position and presence.";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final AdminClient client;
    private final Executor ui;
    private final Clock clock;
    private final StringProperty channel = new SimpleStringProperty("");
    private final ObservableList<String> choices = FXCollections.observableArrayList();
    private final ObservableList<String> choicesView = FXCollections.unmodifiableObservableList(choices);
    private final ReadOnlyStringWrapper position = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper presence = new ReadOnlyStringWrapper("—");
    private final ObservableList<String> users = FXCollections.observableArrayList();
    private final ObservableList<String> usersView = FXCollections.unmodifiableObservableList(users);
    private final ReadOnlyBooleanWrapper truncated = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(HINT);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private String reading;
    private int generation;

    /** Called once per session, by the connections view model. */
    ChannelStateViewModel(AdminClient client, Executor ui, Clock clock) {
        this.client = client;
        this.ui = ui;
        this.clock = clock;
        channel.addListener((o, before, after) -> refresh());
    }

    /** The channel shown: set by a pick from {@link #choices()} or by typing a name. */
    public StringProperty channelProperty() {
        return channel;
    }

    /** The selected connection's channels, to pick from. */
    public ObservableList<String> choices() {
        return choicesView;
    }

    /** "offset N · epoch E", or why it could not be read. */
    public ReadOnlyStringProperty positionProperty() {
        return position.getReadOnlyProperty();
    }

    /** "N users present · M connections", or why it could not be read. */
    public ReadOnlyStringProperty presenceProperty() {
        return presence.getReadOnlyProperty();
    }

    /** One line per present user: name, id and its connections holding the channel. */
    public ObservableList<String> users() {
        return usersView;
    }

    /** True when the server listed fewer users than are present ({@code presence.max_users}). */
    public ReadOnlyBooleanProperty truncatedProperty() {
        return truncated.getReadOnlyProperty();
    }

    /** What is shown and as of when, what is being read, or why nothing could be. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** True while a read is on its way. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /**
     * Called when the selected connection changes ({@code isNewSelection}) or its channel list does (UI thread):
     * offers its channels; a new selection shows its first channel unless the one shown is among them, which is read
     * again instead.
     */
    void follow(ConnectionInfo selectedOrNull, boolean isNewSelection) {
        List<String> next = selectedOrNull == null ? List.of() : selectedOrNull.channels();
        if (!choices.equals(next)) {
            choices.setAll(next);
        }
        if (!isNewSelection || selectedOrNull == null) {
            return;
        }
        if (!next.isEmpty() && !next.contains(name())) {
            channel.set(next.get(0)); // its listener reads it
        } else {
            refresh();
        }
    }

    /** Called by Refresh, Ctrl+R and a change of channel (UI thread); a read of the same channel on its way is kept. */
    public CompletableFuture<Void> refresh() {
        String name = name();
        if (name.isEmpty()) {
            generation++;
            busy.set(false);
            reading = null;
            show("—", "—", List.of(), false);
            status.set(HINT);
            return CompletableFuture.completedFuture(null);
        }
        if (busy.get() && name.equals(reading)) {
            return CompletableFuture.completedFuture(null);
        }
        int current = ++generation;
        reading = name;
        busy.set(true);
        show("…", "…", List.of(), false);
        status.set("Reading " + name + "…");
        CompletableFuture<Answer<ChannelHistory>> history = Answer.of(client.history(name, null, 1));
        CompletableFuture<Answer<ChannelPresence>> members = Answer.of(client.presence(name));
        return history.thenAcceptBothAsync(members, (h, p) -> settle(current, name, h, p), ui);
    }

    private void settle(int current, String name, Answer<ChannelHistory> history, Answer<ChannelPresence> members) {
        if (current != generation) {
            return; // another channel was chosen meanwhile
        }
        busy.set(false);
        reading = null;
        ChannelPresence roll = members.value();
        show(
                history.error() != null
                        ? describe(history.error())
                        : describePosition(
                                history.value() == null ? null : history.value().position()),
                members.error() != null ? describe(members.error()) : describePresence(roll),
                roll == null
                        ? List.of()
                        : roll.users().stream()
                                .map(ChannelStateViewModel::describeUser)
                                .toList(),
                roll != null && roll.isTruncated());
        status.set(summary(name, history.error(), members.error()));
    }

    private String summary(String name, Throwable historyError, Throwable presenceError) {
        if (historyError == null && presenceError == null) {
            return name + " as of " + TIME.format(clock.instant()) + " UTC — Refresh reads it again";
        }
        Throwable error = historyError != null ? historyError : presenceError;
        boolean isRefusal = error instanceof AdminApiException;
        if (historyError != null && presenceError != null && isRefusal) {
            return "The console's admin token may not read " + name + ": " + describe(error);
        }
        if (historyError != null && presenceError != null) {
            return "Could not read " + name + ": " + describe(error);
        }
        return name + " as of " + TIME.format(clock.instant()) + " UTC — "
                + (historyError != null ? "the position" : "the presence") + " could not be read";
    }

    private void show(String positionText, String presenceText, List<String> userLines, boolean isTruncated) {
        position.set(positionText);
        presence.set(presenceText);
        users.setAll(userLines);
        truncated.set(isTruncated);
    }

    private String name() {
        return channel.get() == null ? "" : channel.get().strip();
    }

    static String describePosition(ChannelPosition at) {
        if (at == null) {
            return "— (the server sent no offset and epoch: it predates SPEC §9)";
        }
        return "offset " + at.offset() + (at.offset() == 0 ? " (no event yet)" : "") + " · epoch " + at.epoch();
    }

    static String describePresence(ChannelPresence roll) {
        if (roll == null || roll.count() == 0) {
            return "Nobody present";
        }
        long connections = roll.users().stream()
                .mapToLong(ChannelPresence.Member::connections)
                .sum();
        String text = roll.count() + plural(roll.count(), " user") + " present · "
                + (roll.isTruncated() ? "at least " : "") + connections + plural(connections, " connection");
        return roll.isTruncated()
                ? text + " · " + roll.users().size() + " listed (the server's presence.max_users)"
                : text;
    }

    static String describeUser(ChannelPresence.Member member) {
        String name = member.userName() == null
                        || member.userName().isBlank()
                        || member.userName().equals(member.userId())
                ? member.userId()
                : member.userName() + " (" + member.userId() + ")";
        return name + " · " + member.connections() + plural(member.connections(), " connection");
    }

    static String describe(Throwable error) {
        return error instanceof AdminApiException api ? api.describe() : String.valueOf(error.getMessage());
    }

    private static String plural(long count, String word) {
        return count == 1 ? word : word + "s";
    }

    /** A call's value or its failure (unwrapped), so two calls can be awaited together whatever each answered. */
    private record Answer<T>(T value, Throwable error) {
        static <T> CompletableFuture<Answer<T>> of(CompletableFuture<T> call) {
            return call.handle((value, error) -> new Answer<>(value, unwrap(error)));
        }

        private static Throwable unwrap(Throwable error) {
            Throwable cause = error;
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            return cause;
        }
    }
}
