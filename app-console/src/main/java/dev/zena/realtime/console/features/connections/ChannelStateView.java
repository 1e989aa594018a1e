package dev.zena.realtime.console.features.connections;

import dev.zena.realtime.console.widgets.Forms;
import java.util.Objects;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The channel panel under the connection details: pick a channel, see its position and who is in it. */
final class ChannelStateView {

    private final VBox root = new VBox(6);

    /** Called once, by the connections view. */
    ChannelStateView(ChannelStateViewModel vm) {
        root.setId("channel-state");
        root.setPadding(new Insets(4, 0, 0, 4));

        ComboBox<String> pick = new ComboBox<>(vm.choices());
        pick.setId("channel-pick");
        pick.setEditable(true);
        pick.setPromptText("channel — pick or type, then Enter");
        pick.setMaxWidth(Double.MAX_VALUE);
        pick.setValue(vm.channelProperty().get());
        // not bound both ways: a combo box clears its value when its items change, and the shown channel must stay
        pick.valueProperty().addListener((o, before, after) -> {
            if (after != null && !after.isBlank()) {
                vm.channelProperty().set(after.strip());
            }
        });
        vm.channelProperty().addListener((o, before, after) -> {
            if (!Objects.equals(pick.getValue(), after)) {
                pick.setValue(after);
            }
        });
        HBox.setHgrow(pick, Priority.ALWAYS);
        Button refresh = new Button("Refresh");
        refresh.setId("channel-refresh");
        refresh.disableProperty().bind(vm.busyProperty());
        refresh.setOnAction(e -> vm.refresh());
        HBox chooser = new HBox(8, pick, refresh);
        chooser.setAlignment(Pos.CENTER_LEFT);

        Label status = new Label();
        status.setId("channel-status");
        status.getStyleClass().add("status-line");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        Label position = value("channel-position");
        position.textProperty().bind(vm.positionProperty());
        Label presence = value("channel-presence");
        presence.textProperty().bind(vm.presenceProperty());
        GridPane grid = Forms.grid();
        grid.getColumnConstraints().get(0).setMinWidth(64);
        Forms.row(grid, "Position", position);
        Forms.row(grid, "Presence", presence);

        ListView<String> users = new ListView<>(vm.users());
        users.setId("channel-users");
        users.setPrefHeight(120);
        users.setPlaceholder(new Label("Nobody listed"));
        Label truncated = new Label("Truncated: more users are present than the server lists.");
        truncated.setId("channel-truncated");
        truncated.getStyleClass().add("error-text");
        truncated.visibleProperty().bind(vm.truncatedProperty());
        truncated.managedProperty().bind(vm.truncatedProperty());
        VBox.setVgrow(users, Priority.ALWAYS);

        root.getChildren()
                .addAll(Forms.heading("Channel position and presence"), chooser, status, grid, users, truncated);
    }

    private static Label value(String id) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        return label;
    }

    /** The panel's node. */
    Parent root() {
        return root;
    }
}
