package dev.zena.realtime.console.shell;

import dev.zena.realtime.console.client.AdminClient;
import dev.zena.realtime.console.client.FeedEvent;
import dev.zena.realtime.console.client.LinkState;
import dev.zena.realtime.console.directory.Directory;
import dev.zena.realtime.console.embedded.ServerControl;
import dev.zena.realtime.console.features.connections.ConnectionsViewModel;
import dev.zena.realtime.console.features.permissions.PermissionsViewModel;
import dev.zena.realtime.console.features.permissions.RoleMatrixViewModel;
import dev.zena.realtime.console.features.send.SendViewModel;
import dev.zena.realtime.console.features.send.TestClientViewModel;
import dev.zena.realtime.console.features.server.ServerViewModel;
import dev.zena.realtime.console.features.traffic.TrafficViewModel;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One attached server: its client, the view models, the feed and link wiring, and the periodic refreshes
 * (connections and uptime every second, metrics every two, names every fifteen). Work is posted to {@code ui};
 * nothing here blocks it. Closing the session stops the schedules, the test client and the client.
 */
public final class ConsoleSession implements AutoCloseable {

    private final AdminClient client;
    private final Executor ui;
    private final ScheduledExecutorService schedule;
    private final ExecutorService background;
    private final ShellViewModel shell;
    private final Directory directory;
    private final ServerViewModel server;
    private final ConnectionsViewModel connections;
    private final TrafficViewModel traffic;
    private final SendViewModel send;
    private final TestClientViewModel testClient;
    private final PermissionsViewModel permissions;
    private final RoleMatrixViewModel roles;

    /**
     * Called when the console attaches to a server.
     *
     * @param controlOrNull the embedded server, or null for a remote one
     */
    public ConsoleSession(AdminClient client, ServerControl controlOrNull, Executor ui, Clock clock) {
        this.client = client;
        this.ui = ui;
        this.schedule = Executors.newSingleThreadScheduledExecutor(daemon("console-schedule"));
        this.background = Executors.newCachedThreadPool(daemon("console-background"));
        this.shell = new ShellViewModel(client.server().toString(), controlOrNull != null);
        this.directory = new Directory(client, ui);
        this.server = new ServerViewModel(client, controlOrNull, ui, background, clock);
        this.connections = new ConnectionsViewModel(client, ui, clock);
        this.traffic = new TrafficViewModel(client, ui);
        this.send = new SendViewModel(client, directory, ui);
        this.testClient = new TestClientViewModel(client, directory, ui, clock);
        this.permissions = new PermissionsViewModel(client, directory, ui);
        this.roles = new RoleMatrixViewModel(client, ui);
    }

    /** Called once the views are built: wires the feed and link, starts the feed and the schedules. */
    public void start() {
        client.onLinkState(state -> ui.execute(() -> onLink(state)));
        client.onFeed(event -> ui.execute(() -> onFeed(event)));
        client.startFeed();
        every(1000, () -> {
            connections.refresh();
            server.tick();
        });
        every(2000, () -> {
            server.refresh();
            traffic.refreshTotals();
        });
        every(15000, directory::refresh);
        ui.execute(() -> {
            traffic.loadHistory();
            connections.refresh();
        });
    }

    /** Called by Ctrl+R: reloads everything the views show. */
    public void refreshAll() {
        connections.refresh();
        connections.channel().refresh();
        server.refresh();
        traffic.loadHistory();
        traffic.refreshTotals();
        directory.refresh();
        if (roles.editableProperty().get()) {
            roles.load();
        }
    }

    private void onLink(LinkState state) {
        shell.onLink(state);
        server.onLink(state);
    }

    private void onFeed(FeedEvent event) {
        connections.onFeed(event);
        traffic.onFeed(event);
        server.onFeed(event);
        roles.onFeed(event);
        if (event instanceof FeedEvent.Hello) {
            directory.refresh();
        }
    }

    private void every(long millis, Runnable onUi) {
        schedule.scheduleWithFixedDelay(() -> ui.execute(onUi), millis, millis, TimeUnit.MILLISECONDS);
    }

    public AdminClient client() {
        return client;
    }

    public ShellViewModel shell() {
        return shell;
    }

    public Directory directory() {
        return directory;
    }

    public ServerViewModel server() {
        return server;
    }

    public ConnectionsViewModel connections() {
        return connections;
    }

    public TrafficViewModel traffic() {
        return traffic;
    }

    public SendViewModel send() {
        return send;
    }

    public TestClientViewModel testClient() {
        return testClient;
    }

    public PermissionsViewModel permissions() {
        return permissions;
    }

    public RoleMatrixViewModel roles() {
        return roles;
    }

    @Override
    public void close() {
        schedule.shutdownNow();
        ui.execute(testClient::disconnect);
        client.close();
        background.shutdown();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
