package dev.zena.realtime.console.directory;

import dev.zena.realtime.console.client.AdminClient;
import dev.zena.realtime.console.client.ConnectionFilter;
import dev.zena.realtime.console.client.ConnectionInfo;
import dev.zena.realtime.console.client.ProjectSummary;
import dev.zena.realtime.console.client.TaskSummary;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Known users, tenants, connections and channel names, for completion. Channel names are built from the
 * channels of live connections plus, for the token's tenant, {@code project.*} and {@code task.*} of its projects
 * and tasks, the user channels of the users those name, and {@code metrics.*}/{@code system.*} of known tenants.
 * Lists change on the UI executor only.
 */
public final class Directory {

    private final AdminClient client;
    private final Executor ui;
    private final ObservableList<String> users = FXCollections.observableArrayList();
    private final ObservableList<String> tenants = FXCollections.observableArrayList();
    private final ObservableList<String> channels = FXCollections.observableArrayList();
    private final ObservableList<ConnectionInfo> connections = FXCollections.observableArrayList();
    private final ObservableList<String> usersView = FXCollections.unmodifiableObservableList(users);
    private final ObservableList<String> tenantsView = FXCollections.unmodifiableObservableList(tenants);
    private final ObservableList<String> channelsView = FXCollections.unmodifiableObservableList(channels);
    private final ObservableList<ConnectionInfo> connectionsView =
            FXCollections.unmodifiableObservableList(connections);

    /** Called once per session. */
    public Directory(AdminClient client, Executor ui) {
        this.client = client;
        this.ui = ui;
    }

    /** Known user ids, sorted. */
    public ObservableList<String> users() {
        return usersView;
    }

    /** Known tenant ids, sorted. */
    public ObservableList<String> tenants() {
        return tenantsView;
    }

    /** Known channel names, sorted. */
    public ObservableList<String> channels() {
        return channelsView;
    }

    /** The live connections at the last refresh. */
    public ObservableList<ConnectionInfo> connections() {
        return connectionsView;
    }

    /** Called when Send or Permissions opens and on Ctrl+R: reloads everything; never fails (keeps what it had). */
    public CompletableFuture<Void> refresh() {
        CompletableFuture<List<ConnectionInfo>> live = client.connections(ConnectionFilter.NONE)
                .exceptionally(e -> List.copyOf(connections));
        CompletableFuture<List<ProjectSummary>> projects = client.projects().exceptionally(e -> List.of());
        CompletableFuture<List<TaskSummary>> tasks = client.tasks().exceptionally(e -> List.of());
        return CompletableFuture.allOf(live, projects, tasks).thenAcceptAsync(
                done -> apply(live.join(), projects.join(), tasks.join()), ui);
    }

    /** User ids starting with (or containing) {@code typed}, prefix matches first, at most {@code max}. */
    public List<String> suggestUsers(String typed, int max) {
        return suggest(users, typed, max);
    }

    /** Channel names starting with (or containing) {@code typed}, prefix matches first, at most {@code max}. */
    public List<String> suggestChannels(String typed, int max) {
        return suggest(channels, typed, max);
    }

    private static List<String> suggest(List<String> names, String typed, int max) {
        String needle = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
        List<String> prefix = names.stream().filter(c -> c.toLowerCase(Locale.ROOT).startsWith(needle)).toList();
        List<String> inner = names.stream()
                .filter(c -> !c.toLowerCase(Locale.ROOT).startsWith(needle) && c.toLowerCase(Locale.ROOT).contains(needle))
                .toList();
        return java.util.stream.Stream.concat(prefix.stream(), inner.stream()).limit(max).toList();
    }

    void apply(List<ConnectionInfo> live, List<ProjectSummary> projects, List<TaskSummary> tasks) {
        Set<String> userSet = new TreeSet<>(users);
        Set<String> tenantSet = new TreeSet<>(tenants);
        Set<String> channelSet = new TreeSet<>();
        for (ConnectionInfo c : live) {
            addIf(userSet, c.userId());
            addIf(tenantSet, c.tenantId());
            channelSet.addAll(c.channels());
        }
        for (ProjectSummary p : projects) {
            channelSet.add("project." + p.id());
            addIf(tenantSet, p.tenantId());
            p.members().forEach(m -> addIf(userSet, m));
        }
        for (TaskSummary t : tasks) {
            channelSet.add("task." + t.id());
            addIf(tenantSet, t.tenantId());
            addIf(userSet, t.assigneeId());
        }
        for (String user : userSet) {
            channelSet.add("dashboard." + user);
            channelSet.add("alerts." + user);
            channelSet.add("notifications." + user);
        }
        for (String tenant : tenantSet) {
            channelSet.add("metrics." + tenant);
            channelSet.add("system." + tenant);
        }
        users.setAll(userSet);
        tenants.setAll(tenantSet);
        channels.setAll(channelSet);
        connections.setAll(live);
    }

    private static void addIf(Set<String> set, String value) {
        if (value != null && !value.isBlank()) {
            set.add(value);
        }
    }
}
