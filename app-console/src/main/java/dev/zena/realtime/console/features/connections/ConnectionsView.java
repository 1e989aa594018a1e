package dev.zena.realtime.console.features.connections;

import java.time.Instant;
import java.util.function.Function;
import javafx.beans.value.ObservableValue;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The Connections view: filters, the live sortable table, the details pane, disconnect with confirmation. */
public final class ConnectionsView {

    private final ConnectionsViewModel vm;
    private final BorderPane root = new BorderPane();
    private final TableView<ConnectionRow> table = new TableView<>();

    /** Called once per session. */
    public ConnectionsView(ConnectionsViewModel vm) {
        this.vm = vm;
        root.setId("connections-view");
        root.setPadding(new Insets(12));
        root.setTop(filters());
        root.setCenter(body());
        root.setBottom(actions());
    }

    private VBox filters() {
        TextField tenant = filter("Tenant", "filter-tenant", vm.tenantFilterProperty());
        TextField user = filter("User", "filter-user", vm.userFilterProperty());
        TextField channel = filter("Channel", "filter-channel", vm.channelFilterProperty());
        TextField node = filter("Node", "filter-node", vm.nodeFilterProperty());
        node.setPrefColumnCount(8);
        Label summary = new Label();
        summary.setId("connections-summary");
        summary.textProperty().bind(vm.summaryProperty());
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox box = new HBox(8, new Label("Filter:"), tenant, user, channel, node, spring, summary);
        box.setAlignment(Pos.CENTER_LEFT);
        box.setPadding(new Insets(0, 0, 8, 0));
        Label partial = new Label();
        partial.setId("connections-partial");
        partial.getStyleClass().add("banner");
        partial.setWrapText(true);
        partial.textProperty().bind(vm.partialProperty());
        partial.visibleProperty().bind(vm.partialProperty().isNotEmpty());
        partial.managedProperty().bind(partial.visibleProperty());
        return new VBox(4, box, partial);
    }

    private static TextField filter(String prompt, String id, javafx.beans.property.StringProperty property) {
        TextField field = new TextField();
        field.setPromptText(prompt);
        field.setId(id);
        field.setPrefColumnCount(12);
        field.textProperty().bindBidirectional(property);
        return field;
    }

    private SplitPane body() {
        table.setId("connections-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.setPlaceholder(new Label("No connections match. Open a client (Send → test client) to see one."));
        table.getColumns().add(text("User", 115, ConnectionRow::userProperty));
        table.getColumns().add(text("Tenant", 65, ConnectionRow::tenantProperty));
        table.getColumns().add(text("Remote", 80, ConnectionRow::remoteProperty));
        table.getColumns().add(text("Node", 60, ConnectionRow::nodeProperty));
        table.getColumns().add(text("Protocol", 60, ConnectionRow::protocolProperty));
        table.getColumns().add(time("Connected", ConnectionRow::connectedAtProperty));
        table.getColumns().add(text("Channels", 200, ConnectionRow::channelsProperty));
        table.getColumns().add(number("In", ConnectionRow::messagesInProperty));
        table.getColumns().add(number("Out", ConnectionRow::messagesOutProperty));
        table.getColumns().add(number("Bytes in", ConnectionRow::bytesInProperty));
        table.getColumns().add(number("Bytes out", ConnectionRow::bytesOutProperty));
        table.getColumns().add(time("Last active", ConnectionRow::lastActivityProperty));
        SortedList<ConnectionRow> sorted = new SortedList<>(vm.visibleRows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.getSelectionModel()
                .selectedItemProperty()
                .addListener((o, a, row) -> vm.selectedProperty().set(row));
        vm.selectedProperty().addListener((o, a, row) -> {
            if (row == null) {
                table.getSelectionModel().clearSelection();
            }
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) {
                confirmDisconnect();
                e.consume();
            }
        });
        TextArea details = new TextArea();
        details.setId("connection-details");
        details.setEditable(false);
        details.getStyleClass().add("mono");
        details.setPrefRowCount(12);
        details.textProperty().bind(vm.detailsProperty());
        VBox side = new VBox(8, details, new ChannelStateView(vm.channel()).root());
        VBox.setVgrow(details, Priority.SOMETIMES);
        SplitPane split = new SplitPane(table, side);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.7);
        return split;
    }

    private HBox actions() {
        Button disconnect = new Button("Disconnect… (Delete)");
        disconnect.setId("disconnect");
        disconnect.disableProperty().bind(vm.selectedProperty().isNull());
        disconnect.setOnAction(e -> confirmDisconnect());
        Label message = new Label();
        message.getStyleClass().add("message");
        message.textProperty().bind(vm.messageProperty());
        HBox box = new HBox(12, disconnect, message);
        box.setAlignment(Pos.CENTER_LEFT);
        box.setPadding(new Insets(8, 0, 0, 0));
        return box;
    }

    /** Called by the button and the Delete key: asks, then disconnects the selected connection. */
    void confirmDisconnect() {
        ConnectionRow row = vm.selectedProperty().get();
        if (row == null) {
            return;
        }
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, vm.confirmation(row), ButtonType.CANCEL, ButtonType.OK);
        alert.setTitle("Disconnect");
        alert.setHeaderText("Disconnect this connection?");
        alert.initOwner(root.getScene() == null ? null : root.getScene().getWindow());
        alert.showAndWait().filter(ButtonType.OK::equals).ifPresent(ok -> vm.disconnect(row));
    }

    private static TableColumn<ConnectionRow, String> text(
            String title, double width, Function<ConnectionRow, ObservableValue<String>> value) {
        TableColumn<ConnectionRow, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> value.apply(cell.getValue()));
        return column;
    }

    private static TableColumn<ConnectionRow, Number> number(
            String title, Function<ConnectionRow, ObservableValue<Number>> value) {
        TableColumn<ConnectionRow, Number> column = new TableColumn<>(title);
        column.setPrefWidth(title.length() > 3 ? 72 : 48);
        column.setCellValueFactory(cell -> value.apply(cell.getValue()));
        column.setStyle("-fx-alignment: CENTER-RIGHT;");
        return column;
    }

    private static TableColumn<ConnectionRow, Instant> time(
            String title, Function<ConnectionRow, ObservableValue<Instant>> value) {
        TableColumn<ConnectionRow, Instant> column = new TableColumn<>(title);
        column.setMinWidth(70);
        column.setPrefWidth(82);
        column.setCellValueFactory(cell -> value.apply(cell.getValue()));
        column.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(Instant item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : ConnectionsViewModel.TIME.format(item));
            }
        });
        return column;
    }

    /** The table (for focus and tests). */
    public TableView<ConnectionRow> table() {
        return table;
    }

    /** The view's node. */
    public Parent root() {
        return root;
    }
}
