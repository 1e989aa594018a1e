package dev.zena.realtime.console.features.server;

import dev.zena.realtime.console.client.AdminClient;
import dev.zena.realtime.console.client.ClusterNodes;
import dev.zena.realtime.console.client.ConnectionFilter;
import dev.zena.realtime.console.client.ConnectionInfo;
import dev.zena.realtime.console.client.FeedEvent;
import dev.zena.realtime.console.client.LinkState;
import dev.zena.realtime.console.embedded.ServerControl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The attached server: address, mode, link status, scope, uptime (embedded: since it started; remote: unknown to
 * the admin API), connection count from the metrics, and start/stop of the embedded server, run off the UI
 * thread on {@code background}.
 */
public final class ServerViewModel {

    private final AdminClient client;
    private final ServerControl control;
    private final Executor ui;
    private final Executor background;
    private final Clock clock;
    private final ReadOnlyStringWrapper address = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper mode = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper link = new ReadOnlyStringWrapper("Connecting…");
    private final ReadOnlyStringWrapper scope = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper uptime = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper connections = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper perTenant = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper nodes = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();

    /**
     * Called once per session.
     *
     * @param controlOrNull the embedded server, or null when attached to a remote one
     */
    public ServerViewModel(
            AdminClient client, ServerControl controlOrNull, Executor ui, Executor background, Clock clock) {
        this.client = client;
        this.control = controlOrNull;
        this.ui = ui;
        this.background = background;
        this.clock = clock;
        address.set(client.server().toString());
        mode.set(
                control == null
                        ? "Remote server (admin API over HTTP)"
                        : "Embedded server with demo data — store " + control.storeLocation());
        running.set(control == null || control.isRunning());
        tick();
    }

    public boolean isEmbedded() {
        return control != null;
    }

    public ReadOnlyStringProperty addressProperty() {
        return address.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty modeProperty() {
        return mode.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty linkProperty() {
        return link.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty scopeProperty() {
        return scope.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty uptimeProperty() {
        return uptime.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty connectionsProperty() {
        return connections.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty perTenantProperty() {
        return perTenant.getReadOnlyProperty();
    }

    /** The cluster's live nodes with their connections; the ones that did not answer named. */
    public ReadOnlyStringProperty nodesProperty() {
        return nodes.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Called every second (UI thread): the uptime moves on. */
    public void tick() {
        Instant started = control == null ? null : control.startedAt();
        uptime.set(
                control == null
                        ? "not reported by a remote server"
                        : started == null ? "stopped" : format(Duration.between(started, clock.instant())));
    }

    /** Called every two seconds and on Ctrl+R: reloads the connection count from the live connection list. */
    public CompletableFuture<Void> refresh() {
        CompletableFuture<Void> counts = client.connections(ConnectionFilter.NONE)
                .thenAcceptAsync(this::applyConnections, ui)
                .exceptionally(e -> null);
        CompletableFuture<Void> cluster =
                client.nodes().thenAcceptAsync(this::applyNodes, ui).exceptionally(e -> null);
        return CompletableFuture.allOf(counts, cluster);
    }

    void applyNodes(ClusterNodes cluster) {
        String listed = cluster.nodes().stream()
                .map(n -> n.id() + (n.isSelf() ? " (this one)" : "") + ": "
                        + (n.connections() == null ? "?" : n.connections()) + " connections")
                .collect(Collectors.joining(" · "));
        nodes.set((listed.isEmpty() ? "—" : listed)
                + (cluster.nodesMissing().isEmpty()
                        ? ""
                        : " — not answering: " + String.join(", ", cluster.nodesMissing())));
    }

    /** Called with each link change (UI thread). */
    public void onLink(LinkState state) {
        link.set(
                state.status() == dev.zena.realtime.console.client.LinkStatus.CONNECTED
                        ? "Connected"
                        : state.status() + " — " + state.detail());
    }

    /** Called with each feed event (UI thread). */
    public void onFeed(FeedEvent event) {
        if (event instanceof FeedEvent.Hello hello) {
            scope.set(hello.isGlobal() ? "all tenants (admin.global)" : "tenant " + hello.scope() + " (admin.access)");
        }
    }

    /** Called by Start (embedded only). */
    public CompletableFuture<Void> start() {
        return run("Starting…", () -> control.start(), "Started on " + address.get());
    }

    /** Called by Stop (embedded only); connected clients are closed with 1001. */
    public CompletableFuture<Void> stop() {
        return run("Stopping…", () -> control.stop(), "Stopped; the console reconnects when it starts again.");
    }

    private CompletableFuture<Void> run(String doing, Runnable action, String done) {
        if (control == null || busy.get()) {
            return CompletableFuture.completedFuture(null);
        }
        busy.set(true);
        message.set(doing);
        return CompletableFuture.runAsync(action, background)
                .handleAsync(
                        (ok, error) -> {
                            busy.set(false);
                            running.set(control.isRunning());
                            address.set(control.address().toString());
                            message.set(
                                    error == null
                                            ? done
                                            : "Failed: "
                                                    + (error.getCause() != null ? error.getCause() : error)
                                                            .getMessage());
                            tick();
                            return null;
                        },
                        ui);
    }

    void applyConnections(List<ConnectionInfo> list) {
        long unauthenticated = list.stream().filter(c -> c.tenantId() == null).count();
        connections.set(list.size() + (unauthenticated == 0 ? "" : " (" + unauthenticated + " not yet authenticated)"));
        Map<String, Long> byTenant = list.stream()
                .filter(c -> c.tenantId() != null)
                .collect(Collectors.groupingBy(ConnectionInfo::tenantId, TreeMap::new, Collectors.counting()));
        perTenant.set(
                byTenant.isEmpty()
                        ? "—"
                        : byTenant.entrySet().stream()
                                .map(e -> e.getKey() + ": " + e.getValue())
                                .collect(Collectors.joining(" · ")));
    }

    static String format(Duration d) {
        long s = Math.max(0, d.getSeconds());
        return s >= 3600
                ? String.format("%d h %02d min %02d s", s / 3600, s / 60 % 60, s % 60)
                : s >= 60 ? String.format("%d min %02d s", s / 60, s % 60) : s + " s";
    }
}
