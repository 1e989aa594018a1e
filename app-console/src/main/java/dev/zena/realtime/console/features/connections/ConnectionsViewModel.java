package dev.zena.realtime.console.features.connections;

import dev.zena.realtime.console.client.AdminApiException;
import dev.zena.realtime.console.client.AdminClient;
import dev.zena.realtime.console.client.ConnectionFilter;
import dev.zena.realtime.console.client.ConnectionInfo;
import dev.zena.realtime.console.client.ConnectionList;
import dev.zena.realtime.console.client.FeedEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The live connection list: opens and closes from the feed, counters from a periodic refresh (every second while
 * the console runs), filters on tenant, user, channel and node (case-insensitive substring), the selected row's
 * details and disconnect. In a cluster the list is every node's; when a node did not answer, the banner says so and
 * that node's rows stay as last seen. State changes on the UI executor only.
 */
public final class ConnectionsViewModel {

    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final Duration GRACE = Duration.ofSeconds(5);

    private final AdminClient client;
    private final Executor ui;
    private final Clock clock;
    private final Map<String, ConnectionRow> byId = new HashMap<>();
    private final Map<String, Instant> closedAt = new HashMap<>();
    private final Map<String, Instant> openedAt = new HashMap<>();
    private final ObservableList<ConnectionRow> rows = FXCollections.observableArrayList(ConnectionRow::observables);
    private final FilteredList<ConnectionRow> visible = new FilteredList<>(rows, row -> true);
    private final ObservableList<ConnectionRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ObservableList<ConnectionRow> visibleView = FXCollections.unmodifiableObservableList(visible);
    private final StringProperty tenantFilter = new SimpleStringProperty("");
    private final StringProperty userFilter = new SimpleStringProperty("");
    private final StringProperty channelFilter = new SimpleStringProperty("");
    private final StringProperty nodeFilter = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper partial = new ReadOnlyStringWrapper("");
    private final ObjectProperty<ConnectionRow> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper();
    private final ChannelStateViewModel channel;
    private boolean isRefreshing;

    /** Called once per session. */
    public ConnectionsViewModel(AdminClient client, Executor ui, Clock clock) {
        this.client = client;
        this.ui = ui;
        this.clock = clock;
        tenantFilter.addListener((o, a, b) -> applyFilter());
        userFilter.addListener((o, a, b) -> applyFilter());
        channelFilter.addListener((o, a, b) -> applyFilter());
        nodeFilter.addListener((o, a, b) -> applyFilter());
        details.bind(Bindings.createStringBinding(() -> describe(selected.get()), selected, rows));
        summary.bind(Bindings.createStringBinding(
                () -> visible.size() + " of " + rows.size() + " connections", visible, rows));
        this.channel = new ChannelStateViewModel(client, ui, clock);
        selected.addListener((o, before, row) -> channel.follow(row == null ? null : row.info(), true));
        rows.addListener((ListChangeListener<ConnectionRow>) change -> {
            ConnectionRow row = selected.get();
            if (row != null) {
                channel.follow(row.info(), false);
            }
        });
    }

    /** The position and presence of a channel of the selected connection. */
    public ChannelStateViewModel channel() {
        return channel;
    }

    /** Every known connection. */
    public ObservableList<ConnectionRow> rows() {
        return rowsView;
    }

    /** The rows that pass the filters (the table sorts a view of these). */
    public ObservableList<ConnectionRow> visibleRows() {
        return visibleView;
    }

    public StringProperty tenantFilterProperty() {
        return tenantFilter;
    }

    public StringProperty userFilterProperty() {
        return userFilter;
    }

    public StringProperty channelFilterProperty() {
        return channelFilter;
    }

    /** Filters on the node of the cluster holding the connection. */
    public StringProperty nodeFilterProperty() {
        return nodeFilter;
    }

    /** Empty when every node answered the last refresh; otherwise which nodes' connections are missing. */
    public ReadOnlyStringProperty partialProperty() {
        return partial.getReadOnlyProperty();
    }

    public ObjectProperty<ConnectionRow> selectedProperty() {
        return selected;
    }

    /** The last action's outcome or error, for the status line. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The selected connection described in full, or a hint when none is selected. */
    public ReadOnlyStringProperty detailsProperty() {
        return details.getReadOnlyProperty();
    }

    /** "N of M connections". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Called every second and on Ctrl+R (UI thread): reloads the list unless a reload is on its way. */
    public CompletableFuture<Void> refresh() {
        if (isRefreshing) {
            return CompletableFuture.completedFuture(null);
        }
        isRefreshing = true;
        Instant asked = clock.instant();
        return client.connectionList(ConnectionFilter.NONE)
                .handleAsync(
                        (list, error) -> {
                            isRefreshing = false;
                            if (error == null) {
                                merge(list, asked);
                                partial.set(
                                        list.isPartial()
                                                ? "Partial list: " + String.join(", ", list.nodesMissing())
                                                        + " did not answer within 2 s; connections held there are shown as last seen."
                                                : "");
                            }
                            return null;
                        },
                        ui);
    }

    /** Called with each feed event (UI thread). */
    public void onFeed(FeedEvent event) {
        if (event instanceof FeedEvent.ConnectionOpened opened) {
            ConnectionInfo info = opened.connection();
            closedAt.remove(info.id());
            openedAt.put(info.id(), clock.instant());
            upsert(info);
        } else if (event instanceof FeedEvent.ConnectionClosed closed) {
            closedAt.put(closed.connectionId(), clock.instant());
            remove(closed.connectionId());
        } else if (event instanceof FeedEvent.Hello) {
            refresh();
        }
    }

    /** The question the confirmation dialog asks before {@link #disconnect}. */
    public String confirmation(ConnectionRow row) {
        ConnectionInfo info = row.info();
        return "Disconnect "
                + (info.userId() == null
                        ? "an unauthenticated connection"
                        : info.userId() + " (tenant " + info.tenantId() + ")")
                + " from " + info.remoteAddress() + "?\n\nConnection "
                + info.id() + " will be closed with code 4010; a well-behaved client reconnects with backoff.";
    }

    /** Called after the user confirmed: closes the connection; the row goes when the server confirms. */
    public CompletableFuture<Void> disconnect(ConnectionRow row) {
        String id = row.id();
        return client.disconnect(id)
                .handleAsync(
                        (ok, error) -> {
                            if (error == null) {
                                closedAt.put(id, clock.instant());
                                remove(id);
                                message.set("Disconnected " + id + " (4010)");
                            } else {
                                Throwable cause = error.getCause() != null ? error.getCause() : error;
                                message.set("Disconnect failed: "
                                        + (cause instanceof AdminApiException api
                                                ? api.describe()
                                                : cause.getMessage()));
                            }
                            return null;
                        },
                        ui);
    }

    private void merge(ConnectionList answer, Instant asked) {
        List<ConnectionInfo> list = answer.connections();
        Instant now = clock.instant();
        closedAt.values().removeIf(t -> t.plus(GRACE).isBefore(now));
        openedAt.values().removeIf(t -> t.plus(GRACE).isBefore(now));
        Set<String> seen = new HashSet<>();
        for (ConnectionInfo info : list) {
            Instant closed = closedAt.get(info.id());
            if (closed != null && !closed.isBefore(asked)) {
                continue; // closed by the feed after this list was asked for
            }
            seen.add(info.id());
            upsert(info);
        }
        for (String id : List.copyOf(byId.keySet())) {
            Instant opened = openedAt.get(id);
            boolean isNewerThanList = opened != null && !opened.isBefore(asked);
            String node = byId.get(id).info().node();
            boolean isOnSilentNode = node != null && answer.nodesMissing().contains(node);
            if (!seen.contains(id) && !isNewerThanList && !isOnSilentNode) {
                remove(id);
            }
        }
    }

    private void upsert(ConnectionInfo info) {
        ConnectionRow row = byId.get(info.id());
        if (row == null) {
            row = new ConnectionRow(info);
            byId.put(info.id(), row);
            rows.add(row);
        } else {
            row.update(info);
        }
    }

    private void remove(String id) {
        ConnectionRow row = byId.remove(id);
        if (row != null) {
            rows.remove(row);
            if (selected.get() == row) {
                selected.set(null);
            }
        }
    }

    private void applyFilter() {
        String tenant = normal(tenantFilter.get());
        String user = normal(userFilter.get());
        String channel = normal(channelFilter.get());
        String node = normal(nodeFilter.get());
        visible.setPredicate(row -> matches(row.info().tenantId(), tenant)
                && matches(row.info().userId(), user)
                && matches(row.info().node(), node)
                && (channel.isEmpty() || row.info().channels().stream().anyMatch(c -> matches(c, channel))));
    }

    private static boolean matches(String value, String needle) {
        return needle.isEmpty()
                || (value != null && value.toLowerCase(Locale.ROOT).contains(needle));
    }

    private static String normal(String text) {
        return text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    }

    static String describe(ConnectionRow row) {
        if (row == null) {
            return "Select a connection to see its details.";
        }
        ConnectionInfo c = row.info();
        StringBuilder text = new StringBuilder();
        text.append("Connection  ").append(c.id()).append('\n');
        text.append("User        ")
                .append(c.userId() == null ? "(not authenticated)" : c.userId())
                .append('\n');
        text.append("Tenant      ")
                .append(c.tenantId() == null ? "—" : c.tenantId())
                .append('\n');
        text.append("Remote      ").append(c.remoteAddress()).append('\n');
        text.append("Node        ").append(c.node() == null ? "—" : c.node()).append('\n');
        text.append("Connected   ")
                .append(c.connectedAt() == null ? "—" : c.connectedAt())
                .append('\n');
        text.append("Last active ")
                .append(c.lastActivity() == null ? "—" : c.lastActivity())
                .append('\n');
        text.append("Messages    ")
                .append(c.messagesIn())
                .append(" in, ")
                .append(c.messagesOut())
                .append(" out\n");
        text.append("Bytes       ")
                .append(c.bytesIn())
                .append(" in, ")
                .append(c.bytesOut())
                .append(" out\n");
        text.append("Channels    ").append(c.channels().size()).append('\n');
        c.channels().forEach(ch -> text.append("  • ").append(ch).append('\n'));
        return text.toString();
    }
}
