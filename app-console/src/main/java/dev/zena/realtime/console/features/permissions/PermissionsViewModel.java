package dev.zena.realtime.console.features.permissions;

import dev.zena.realtime.console.client.AdminApiException;
import dev.zena.realtime.console.client.AdminClient;
import dev.zena.realtime.console.client.ChannelKind;
import dev.zena.realtime.console.client.ChannelPatterns;
import dev.zena.realtime.console.client.PermissionVerdict;
import dev.zena.realtime.console.directory.Directory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** User + channel → the server's verdict (allowed or denied, status, code) and its ordered checks. */
public final class PermissionsViewModel {

    /** The demo project whose channel the channel field starts with (docs/demo-data.md): acme-client is denied. */
    static final String EXAMPLE_PROJECT = "acme-bridge";

    private final AdminClient client;
    private final Directory directory;
    private final Executor ui;
    private final StringProperty user = new SimpleStringProperty("acme-client");
    private final StringProperty channel = new SimpleStringProperty();
    private final ReadOnlyObjectWrapper<PermissionVerdict> verdict = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper verdictText =
            new ReadOnlyStringWrapper("Choose a user and a channel, then Check.");
    private final ObservableList<PermissionVerdict.Step> checks = FXCollections.observableArrayList();
    private final ObservableList<PermissionVerdict.Step> checksView = FXCollections.unmodifiableObservableList(checks);

    /** Called once per session; channel names follow the patterns of {@code directory}. */
    public PermissionsViewModel(AdminClient client, Directory directory, Executor ui) {
        this.client = client;
        this.directory = directory;
        this.ui = ui;
        channel.set(example(directory.patternsProperty().get()));
        directory.patternsProperty().addListener((o, before, after) -> {
            if (example(before).equals(channel.get())) {
                channel.set(example(after)); // still the example: follow the server's pattern
            }
        });
    }

    public StringProperty userProperty() {
        return user;
    }

    public StringProperty channelProperty() {
        return channel;
    }

    /** The last verdict, or null (none yet, or the last check failed to run). */
    public ReadOnlyObjectProperty<PermissionVerdict> verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    /** "ALLOWED (200)" / "DENIED (403 FORBIDDEN)" / an error. */
    public ReadOnlyStringProperty verdictTextProperty() {
        return verdictText.getReadOnlyProperty();
    }

    /** The checks in the order the server ran them. */
    public ObservableList<PermissionVerdict.Step> checks() {
        return checksView;
    }

    /** Where names for completion come from. */
    public Directory directory() {
        return directory;
    }

    /** Called by Check and Enter (UI thread). */
    public CompletableFuture<Void> check() {
        String who = user.get() == null ? "" : user.get().strip();
        String where = channel.get() == null ? "" : channel.get().strip();
        if (who.isEmpty() || where.isEmpty()) {
            verdictText.set("Both a user id and a channel are needed.");
            return CompletableFuture.completedFuture(null);
        }
        verdictText.set("Checking " + who + " on " + where + "…");
        return client.checkPermission(who, where)
                .handleAsync(
                        (answer, error) -> {
                            if (error != null) {
                                Throwable cause = error instanceof CompletionException && error.getCause() != null
                                        ? error.getCause()
                                        : error;
                                verdict.set(null);
                                checks.clear();
                                verdictText.set("Cannot check: "
                                        + (cause instanceof AdminApiException api
                                                ? api.describe()
                                                : cause.getMessage()));
                                return null;
                            }
                            verdict.set(answer);
                            checks.setAll(answer.checks());
                            verdictText.set(describe(answer));
                            return null;
                        },
                        ui);
    }

    private static String example(ChannelPatterns patterns) {
        return patterns.nameOf(ChannelKind.PROJECT, EXAMPLE_PROJECT);
    }

    static String describe(PermissionVerdict v) {
        return v.isGranted()
                ? "ALLOWED (" + v.status() + ") — " + v.userId() + " may subscribe to " + v.channel()
                : "DENIED (" + v.status() + (v.code() == null ? "" : " " + v.code()) + ") — " + v.userId()
                        + " may not subscribe to " + v.channel();
    }
}
