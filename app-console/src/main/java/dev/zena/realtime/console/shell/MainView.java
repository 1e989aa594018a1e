package dev.zena.realtime.console.shell;

import dev.zena.realtime.console.features.connections.ConnectionsView;
import dev.zena.realtime.console.features.permissions.PermissionsView;
import dev.zena.realtime.console.features.send.SendView;
import dev.zena.realtime.console.features.server.ServerView;
import dev.zena.realtime.console.features.traffic.TrafficView;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

/** The main window's content: menu, banner, one tab per feature, a status line. Menu accelerators are the shortcuts. */
public final class MainView {

    private final BorderPane root = new BorderPane();
    private final TabPane tabs = new TabPane();
    private final ConsoleSession session;
    private final ConnectionsView connections;
    private final TrafficView traffic;

    /**
     * Called when a session attaches.
     *
     * @param onConnect   opens the connect dialog (Ctrl+O)
     * @param onEmbedded  switches back to the embedded server
     * @param onQuit      closes the window (Ctrl+Q)
     */
    public MainView(ConsoleSession session, Runnable onConnect, Runnable onEmbedded, Runnable onQuit) {
        this.session = session;
        ShellViewModel shell = session.shell();
        this.connections = new ConnectionsView(session.connections());
        this.traffic = new TrafficView(session.traffic());
        tabs.setId("views");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs()
                .addAll(
                        tab(0, new ServerView(session.server()).root()),
                        tab(1, connections.root()),
                        tab(2, traffic.root()),
                        tab(3, new SendView(session.send(), session.testClient()).root()),
                        tab(4, new PermissionsView(session.permissions(), session.roles()).root()));
        tabs.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> shell.show(b.intValue()));
        shell.viewProperty().addListener((o, a, b) -> tabs.getSelectionModel().select(b.intValue()));

        Label banner = new Label();
        banner.setId("banner");
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.setWrapText(true);
        banner.textProperty().bind(shell.bannerProperty());
        banner.visibleProperty().bind(shell.bannerVisibleProperty());
        banner.managedProperty().bind(shell.bannerVisibleProperty());
        banner.getStyleClass().add("banner");
        shell.tokenRefusedProperty().addListener((o, a, refused) -> {
            banner.getStyleClass().removeAll("banner-token");
            if (refused) {
                banner.getStyleClass().add("banner-token");
            }
        });

        root.setTop(new VBox(menu(shell, onConnect, onEmbedded, onQuit), banner));
        root.setCenter(tabs);
        Label status = new Label(
                "Ctrl+1…5 views · Ctrl+R refresh · Ctrl+O connect · Delete disconnects · " + "Ctrl+Enter sends");
        status.getStyleClass().add("status-line");
        status.setPadding(new Insets(2, 8, 2, 8));
        root.setBottom(status);
        root.getStylesheets()
                .add(MainView.class
                        .getResource("/dev/zena/realtime/console/console.css")
                        .toExternalForm());
    }

    private MenuBar menu(ShellViewModel shell, Runnable onConnect, Runnable onEmbedded, Runnable onQuit) {
        MenuItem connect =
                item("Connect to server…", new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), onConnect);
        MenuItem embedded = item("Use the embedded server", null, onEmbedded);
        MenuItem refresh =
                item("Refresh", new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), session::refreshAll);
        MenuItem quit = item("Quit", new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), onQuit);
        Menu console = new Menu("Console", null, connect, embedded, refresh, quit);
        Menu view = new Menu("View");
        KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5};
        for (int i = 0; i < ShellViewModel.VIEWS.length; i++) {
            int index = i;
            view.getItems()
                    .add(item(
                            ShellViewModel.VIEWS[i],
                            new KeyCodeCombination(digits[i], KeyCombination.SHORTCUT_DOWN),
                            () -> shell.show(index)));
        }
        return new MenuBar(console, view);
    }

    private static MenuItem item(String text, KeyCombination accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        if (accelerator != null) {
            item.setAccelerator(accelerator);
        }
        item.setOnAction(e -> action.run());
        return item;
    }

    private Tab tab(int index, Parent content) {
        Tab tab = new Tab(ShellViewModel.VIEWS[index] + "  (Ctrl+" + (index + 1) + ")", content);
        tab.setId("tab-" + ShellViewModel.VIEWS[index].toLowerCase(java.util.Locale.ROOT));
        return tab;
    }

    /** The tab pane (for tests and screenshots). */
    public TabPane tabs() {
        return tabs;
    }

    /** The traffic view (for tests). */
    public TrafficView traffic() {
        return traffic;
    }

    /** The connections view (for tests). */
    public ConnectionsView connections() {
        return connections;
    }

    /** The window content. */
    public Parent root() {
        return root;
    }
}
