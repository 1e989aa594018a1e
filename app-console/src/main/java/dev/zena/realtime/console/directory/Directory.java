package dev.zena.realtime.console.directory;

import dev.zena.realtime.console.client.AdminClient;
import dev.zena.realtime.console.client.ChannelKind;
import dev.zena.realtime.console.client.ChannelPatterns;
import dev.zena.realtime.console.client.ConnectionFilter;
import dev.zena.realtime.console.client.ConnectionInfo;
import dev.zena.realtime.console.client.ProjectSummary;
import dev.zena.realtime.console.client.TaskSummary;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Known users, tenants, connections and channel names, for completion. Channel names are the channels of live
 * connections plus a name of every kind for every known id of its scope — the token's tenant's projects and tasks,
 * the users those name, the known tenants — built from the server's channel patterns. Lists change on the UI
 * executor only.
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
    private final ReadOnlyObjectWrapper<ChannelPatterns> patterns =
            new ReadOnlyObjectWrapper<>(ChannelPatterns.DEFAULTS);

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

    /** How the server names channels: the SPEC defaults until the server said otherwise. */
    public ReadOnlyObjectProperty<ChannelPatterns> patternsProperty() {
        return patterns.getReadOnlyProperty();
    }

    /** Called when Send or Permissions opens and on Ctrl+R: reloads everything; never fails (keeps what it had). */
    public CompletableFuture<Void> refresh() {
        CompletableFuture<List<ConnectionInfo>> live =
                client.connections(ConnectionFilter.NONE).exceptionally(e -> null);
        CompletableFuture<List<ProjectSummary>> projects = client.projects().exceptionally(e -> List.of());
        CompletableFuture<List<TaskSummary>> tasks = client.tasks().exceptionally(e -> List.of());
        CompletableFuture<ChannelPatterns> named = client.channelPatterns().exceptionally(e -> null);
        return CompletableFuture.allOf(live, projects, tasks, named)
                .thenAcceptAsync(
                        done -> {
                            if (named.join() != null) {
                                patterns.set(named.join());
                            }
                            apply(
                                    live.join() == null ? List.copyOf(connections) : live.join(),
                                    projects.join(),
                                    tasks.join());
                        },
                        ui);
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
        List<String> prefix = names.stream()
                .filter(c -> c.toLowerCase(Locale.ROOT).startsWith(needle))
                .toList();
        List<String> inner = names.stream()
                .filter(c -> !c.toLowerCase(Locale.ROOT).startsWith(needle)
                        && c.toLowerCase(Locale.ROOT).contains(needle))
                .toList();
        return java.util.stream.Stream.concat(prefix.stream(), inner.stream())
                .limit(max)
                .toList();
    }

    void apply(List<ConnectionInfo> live, List<ProjectSummary> projects, List<TaskSummary> tasks) {
        Set<String> userSet = new TreeSet<>(users);
        Set<String> tenantSet = new TreeSet<>(tenants);
        Set<String> projectIds = new TreeSet<>();
        Set<String> taskIds = new TreeSet<>();
        Set<String> channelSet = new TreeSet<>();
        for (ConnectionInfo c : live) {
            addIf(userSet, c.userId());
            addIf(tenantSet, c.tenantId());
            channelSet.addAll(c.channels());
        }
        for (ProjectSummary p : projects) {
            projectIds.add(p.id());
            addIf(tenantSet, p.tenantId());
            p.members().forEach(m -> addIf(userSet, m));
        }
        for (TaskSummary t : tasks) {
            taskIds.add(t.id());
            addIf(tenantSet, t.tenantId());
            addIf(userSet, t.assigneeId());
        }
        ChannelPatterns named = patterns.get();
        for (ChannelKind kind : ChannelKind.values()) {
            Set<String> ids = switch (kind.scope()) {
                case USER -> userSet;
                case TENANT -> tenantSet;
                case PROJECT -> projectIds;
                case TASK -> taskIds;
            };
            ids.forEach(id -> channelSet.add(named.nameOf(kind, id)));
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
