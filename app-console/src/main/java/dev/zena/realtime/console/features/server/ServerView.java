package dev.zena.realtime.console.features.server;

import dev.zena.realtime.console.widgets.Forms;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The Server view: what the console is attached to, and start/stop of the embedded server. */
public final class ServerView {

    private final VBox root = new VBox(12);

    /** Called once per session. */
    public ServerView(ServerViewModel vm) {
        root.setPadding(new Insets(16));
        root.setId("server-view");
        GridPane grid = Forms.grid();
        Forms.row(grid, "Mode", value(vm.modeProperty(), "server-mode"));
        Forms.row(grid, "Address", value(vm.addressProperty(), "server-address"));
        Forms.row(grid, "Link", value(vm.linkProperty(), "server-link"));
        Forms.row(grid, "Admin scope", value(vm.scopeProperty(), "server-scope"));
        Forms.row(grid, "Uptime", value(vm.uptimeProperty(), "server-uptime"));
        Forms.row(grid, "Connections", value(vm.connectionsProperty(), "server-connections"));
        Forms.row(grid, "Per tenant", value(vm.perTenantProperty(), "server-per-tenant"));
        Forms.row(grid, "Nodes", value(vm.nodesProperty(), "server-nodes"));

        Button start = new Button("Start server");
        start.setId("server-start");
        start.setOnAction(e -> vm.start());
        start.disableProperty().bind(vm.runningProperty().or(vm.busyProperty()));
        Button stop = new Button("Stop server");
        stop.setId("server-stop");
        stop.setOnAction(e -> vm.stop());
        stop.disableProperty().bind(vm.runningProperty().not().or(vm.busyProperty()));
        HBox buttons = new HBox(8, start, stop);
        buttons.setVisible(vm.isEmbedded());
        buttons.setManaged(vm.isEmbedded());
        Label message = new Label();
        message.textProperty().bind(vm.messageProperty());
        message.getStyleClass().add("message");

        Label help = new Label("""
                Shortcuts: Ctrl+1…5 switch views · Ctrl+R refresh · Ctrl+O connect to another server
                Connections: Delete disconnects the selected connection (after confirmation)
                Send: Ctrl+Enter sends the test event""");
        help.getStyleClass().add("hint");
        root.getChildren().addAll(Forms.heading("Server"), grid, buttons, message, help);
    }

    private static Label value(javafx.beans.value.ObservableValue<String> text, String id) {
        Label label = new Label();
        label.setId(id);
        label.textProperty().bind(text);
        label.setWrapText(true);
        return label;
    }

    /** The view's node. */
    public Parent root() {
        return root;
    }
}
