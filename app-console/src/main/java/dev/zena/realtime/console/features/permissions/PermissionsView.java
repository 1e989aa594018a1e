package dev.zena.realtime.console.features.permissions;

import dev.zena.realtime.console.client.PermissionVerdict;
import dev.zena.realtime.console.widgets.Completion;
import dev.zena.realtime.console.widgets.Forms;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.transformation.SortedList;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The Permissions view: a check of user + channel with its ordered checks, and the role × permission matrix. */
public final class PermissionsView {

    private final PermissionsViewModel vm;
    private final RoleMatrixViewModel matrix;
    private final SplitPane root = new SplitPane();
    private final GridPane grid = new GridPane();

    /** Called once per session. */
    public PermissionsView(PermissionsViewModel vm, RoleMatrixViewModel matrix) {
        this.vm = vm;
        this.matrix = matrix;
        root.setId("permissions-view");
        root.getItems().addAll(checkPane(), matrixPane());
        root.setDividerPositions(0.55);
    }

    private VBox checkPane() {
        TextField user = new TextField();
        user.setId("perm-user");
        user.setPromptText("user id — type for suggestions");
        user.textProperty().bindBidirectional(vm.userProperty());
        Completion.attach(user, typed -> vm.directory().suggestUsers(typed, 12));
        TextField channel = new TextField();
        channel.setId("perm-channel");
        channel.textProperty().bindBidirectional(vm.channelProperty());
        Completion.attach(channel, typed -> vm.directory().suggestChannels(typed, 12));
        channel.setOnAction(e -> vm.check());
        Button check = new Button("Check");
        check.setId("perm-check");
        check.setDefaultButton(true);
        check.setOnAction(e -> vm.check());

        Label verdict = new Label();
        verdict.setId("perm-verdict");
        verdict.setWrapText(true);
        verdict.getStyleClass().add("verdict");
        verdict.textProperty().bind(vm.verdictTextProperty());
        vm.verdictProperty().addListener((o, a, v) -> {
            verdict.getStyleClass().removeAll("granted", "denied");
            if (v != null) {
                verdict.getStyleClass().add(v.isGranted() ? "granted" : "denied");
            }
        });

        TableView<PermissionVerdict.Step> checks = new TableView<>();
        SortedList<PermissionVerdict.Step> sorted = new SortedList<>(vm.checks());
        sorted.comparatorProperty().bind(checks.comparatorProperty());
        checks.setItems(sorted);
        checks.setId("perm-checks");
        checks.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        checks.setPlaceholder(new Label("The server's checks appear here, in the order it ran them."));
        TableColumn<PermissionVerdict.Step, String> number = new TableColumn<>("#");
        number.setCellValueFactory(
                c -> new ReadOnlyStringWrapper(Integer.toString(vm.checks().indexOf(c.getValue()) + 1)));
        number.setPrefWidth(32);
        TableColumn<PermissionVerdict.Step, String> name = new TableColumn<>("Check");
        name.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().check()));
        name.setPrefWidth(110);
        TableColumn<PermissionVerdict.Step, String> passed = new TableColumn<>("Result");
        passed.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().hasPassed() ? "✓ passed" : "✗ failed"));
        passed.setPrefWidth(80);
        TableColumn<PermissionVerdict.Step, String> detail = new TableColumn<>("Detail");
        detail.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().detail()));
        detail.setPrefWidth(360);
        checks.getColumns().addAll(java.util.List.of(number, name, passed, detail));
        VBox.setVgrow(checks, Priority.ALWAYS);

        GridPane form = Forms.grid();
        Forms.row(form, "User", user);
        Forms.row(form, "Channel", channel);
        VBox box =
                new VBox(10, Forms.heading("May this user subscribe to this channel?"), form, check, verdict, checks);
        box.setPadding(new Insets(12));
        return box;
    }

    private VBox matrixPane() {
        grid.setId("role-matrix");
        grid.setHgap(6);
        grid.setVgap(4);
        grid.disableProperty().bind(matrix.editableProperty().not());
        matrix.revisionProperty().addListener((o, a, b) -> rebuild());
        Button save = new Button("Save");
        save.setId("matrix-save");
        save.disableProperty()
                .bind(matrix.dirtyProperty().not().or(matrix.editableProperty().not()));
        save.setOnAction(e -> matrix.save());
        Button revert = new Button("Revert");
        revert.disableProperty().bind(matrix.dirtyProperty().not());
        revert.setOnAction(e -> matrix.load());
        Label message = new Label();
        message.setId("matrix-message");
        message.setWrapText(true);
        message.getStyleClass().add("hint");
        message.textProperty().bind(matrix.messageProperty());
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        HBox buttons = new HBox(8, save, revert);
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(10, Forms.heading("Role × permission matrix"), message, scroll, buttons);
        box.setPadding(new Insets(12));
        return box;
    }

    private void rebuild() {
        grid.getChildren().clear();
        int col = 1;
        for (String role : matrix.roles()) {
            Label header = new Label(role.replace('_', ' '));
            header.getStyleClass().add("matrix-header");
            GridPane.setHalignment(header, HPos.CENTER);
            grid.add(header, col++, 0);
        }
        int row = 1;
        for (String permission : matrix.permissions()) {
            grid.add(new Label(permission), 0, row);
            col = 1;
            for (String role : matrix.roles()) {
                CheckBox box = new CheckBox();
                box.setId("cell-" + role + "-" + permission);
                box.selectedProperty().bindBidirectional(matrix.cell(role, permission));
                box.setDisable(matrix.isFixed(permission));
                GridPane.setHalignment(box, HPos.CENTER);
                grid.add(box, col++, row);
            }
            row++;
        }
    }

    /** The view's node. */
    public Parent root() {
        return root;
    }
}
