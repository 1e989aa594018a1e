package dev.zena.realtime.console.features.send;

import dev.zena.realtime.console.client.ConnectionInfo;
import dev.zena.realtime.console.widgets.Completion;
import dev.zena.realtime.console.widgets.Forms;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The Send view: a test event on the left (Ctrl+Enter sends), the built-in test client on the right. */
public final class SendView {

    private final SendViewModel vm;
    private final TestClientViewModel client;
    private final SplitPane root = new SplitPane();

    /** Called once per session. */
    public SendView(SendViewModel vm, TestClientViewModel client) {
        this.vm = vm;
        this.client = client;
        root.setId("send-view");
        root.getItems().addAll(eventForm(), testClient());
        root.setDividerPositions(0.45);
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && e.isShortcutDown()) {
                vm.send();
                e.consume();
            }
        });
    }

    private VBox eventForm() {
        ToggleGroup targets = new ToggleGroup();
        RadioButton toChannel = new RadioButton("Channel");
        toChannel.setId("send-to-channel");
        toChannel.setToggleGroup(targets);
        toChannel.setSelected(vm.targetProperty().get() == SendTarget.CHANNEL);
        RadioButton toConnection = new RadioButton("One connection");
        toConnection.setId("send-to-connection");
        toConnection.setToggleGroup(targets);
        toConnection.setSelected(vm.targetProperty().get() == SendTarget.CONNECTION);
        targets.selectedToggleProperty()
                .addListener((o, a, b) ->
                        vm.targetProperty().set(b == toConnection ? SendTarget.CONNECTION : SendTarget.CHANNEL));

        TextField channel = new TextField();
        channel.setId("send-channel");
        channel.promptTextProperty().bind(vm.channelPromptProperty());
        channel.textProperty().bindBidirectional(vm.channelProperty());
        channel.disableProperty().bind(toChannel.selectedProperty().not());
        Completion.attach(channel, vm::suggestions);

        ComboBox<String> connection = new ComboBox<>();
        connection.setId("send-connection");
        connection.setEditable(true);
        connection.setMaxWidth(Double.MAX_VALUE);
        connection.setPromptText("connection id");
        connection.valueProperty().bindBidirectional(vm.connectionIdProperty());
        connection.disableProperty().bind(toConnection.selectedProperty().not());
        vm.directory().connections().addListener((javafx.collections.ListChangeListener<ConnectionInfo>) c -> connection
                .getItems()
                .setAll(vm.directory().connections().stream()
                        .map(ConnectionInfo::id)
                        .toList()));
        connection.setCellFactory(list -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(String id, boolean empty) {
                super.updateItem(id, empty);
                setText(empty || id == null ? null : label(id));
            }
        });

        TextField event = new TextField();
        event.setId("send-event");
        event.textProperty().bindBidirectional(vm.eventProperty());

        TextArea payload = new TextArea();
        payload.setId("send-payload");
        payload.getStyleClass().add("mono");
        payload.setPrefRowCount(8);
        payload.textProperty().bindBidirectional(vm.payloadProperty());
        Label payloadError = new Label();
        payloadError.setId("send-payload-error");
        payloadError.getStyleClass().add("error-text");
        payloadError.setWrapText(true);
        payloadError.textProperty().bind(vm.payloadErrorProperty());

        Button send = new Button("Send (Ctrl+Enter)");
        send.setId("send-button");
        send.setDefaultButton(false);
        send.disableProperty().bind(vm.canSendProperty().not());
        send.setOnAction(e -> vm.send());
        Label result = new Label();
        result.setId("send-result");
        result.getStyleClass().add("result");
        result.setWrapText(true);
        result.textProperty().bind(vm.resultProperty());

        GridPane grid = Forms.grid();
        Forms.row(grid, "Send to", new HBox(12, toChannel, toConnection));
        Forms.row(grid, "Channel", channel);
        Forms.row(grid, "Connection", connection);
        Forms.row(grid, "Event", event);
        Forms.row(grid, "Payload (JSON)", payload);
        Forms.row(grid, "", payloadError);
        VBox box = new VBox(10, Forms.heading("Test event"), grid, send, result);
        box.setPadding(new Insets(12));
        return box;
    }

    private VBox testClient() {
        TextField user = new TextField();
        user.setId("test-user");
        user.setPromptText("user id — type for suggestions");
        user.textProperty().bindBidirectional(client.userProperty());
        Completion.attach(user, typed -> vm.directory().suggestUsers(typed, 12));
        TextField channels = new TextField();
        channels.setId("test-channels");
        channels.setPromptText("channels, separated by commas");
        channels.textProperty().bindBidirectional(client.channelsProperty());
        CheckBox presence = new CheckBox("Presence events (joined / left)");
        presence.setId("test-presence-events");
        presence.selectedProperty().bindBidirectional(client.presenceEventsProperty());
        Button connect = new Button("Connect as user");
        connect.setId("test-connect");
        connect.disableProperty().bind(client.busyProperty());
        connect.setOnAction(e -> client.connect());
        Button subscribe = new Button("Subscribe");
        subscribe.setId("test-subscribe");
        subscribe.disableProperty().bind(client.connectedProperty().not());
        subscribe.setOnAction(e -> client.subscribeMore());
        Button disconnect = new Button("Disconnect");
        disconnect.setId("test-disconnect");
        disconnect.disableProperty().bind(client.connectedProperty().not());
        disconnect.setOnAction(e -> client.disconnect());
        Button reconnect = new Button("Reconnect (recover)");
        reconnect.setId("test-reconnect");
        reconnect.disableProperty().bind(client.canReconnectProperty().not());
        reconnect.setOnAction(e -> client.reconnect());
        Button clear = new Button("Clear");
        clear.setOnAction(e -> client.clearLog());
        Label status = new Label();
        status.setId("test-status");
        status.setWrapText(true);
        status.textProperty().bind(client.statusProperty());
        Label count = new Label();
        count.setId("test-count");
        count.textProperty()
                .bind(Bindings.format(
                        "%d events received (%d recovered) ·",
                        client.eventsReceivedProperty(), client.recoveredReceivedProperty()));
        Label positions = new Label();
        positions.setId("test-positions");
        positions.setWrapText(true);
        positions.getStyleClass().add("status-line");
        positions
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> client.positionsProperty().get().isEmpty()
                                ? "No channel position seen yet"
                                : "Last seen: " + client.positionsProperty().get(),
                        client.positionsProperty()));
        Label recovery = new Label();
        recovery.setId("test-recovery");
        recovery.setWrapText(true);
        recovery.getStyleClass().add("recovery");
        recovery.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> client.recoveries().isEmpty()
                                ? ""
                                : "Recovery: "
                                        + client.recoveries().stream()
                                                .map(RecoveryAnswer::describe)
                                                .collect(java.util.stream.Collectors.joining(" · ")),
                        client.recoveries()));
        recovery.visibleProperty().bind(Bindings.isNotEmpty(client.recoveries()));
        recovery.managedProperty().bind(recovery.visibleProperty());
        ListView<TestClientLine> log = new ListView<>(client.log());
        log.setId("test-log");
        log.getStyleClass().add("mono");
        log.setPlaceholder(new Label("Messages the server sends this user appear here."));
        log.setCellFactory(list -> new LogCell(list));
        client.log().addListener((javafx.collections.ListChangeListener<TestClientLine>) c -> {
            if (!client.log().isEmpty()) {
                log.scrollTo(client.log().size() - 1);
            }
        });
        VBox.setVgrow(log, Priority.ALWAYS);

        GridPane grid = Forms.grid();
        Forms.row(grid, "User", user);
        Forms.row(grid, "Channels", channels);
        Forms.row(grid, "", presence);
        HBox buttons = new HBox(8, connect, subscribe, disconnect, reconnect, clear);
        buttons.setAlignment(Pos.CENTER_LEFT);
        count.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(status, Priority.ALWAYS);
        HBox state = new HBox(12, count, status);
        VBox box = new VBox(
                10,
                Forms.heading("Test client — what this user's browser receives"),
                grid,
                buttons,
                state,
                positions,
                recovery,
                log);
        box.setPadding(new Insets(12));
        return box;
    }

    /** A log line, styled by its kind so replayed events stand apart from live ones. */
    private static final class LogCell extends ListCell<TestClientLine> {
        private static final List<String> KINDS =
                List.of("log-event", "log-recovered", "log-presence", "log-warning", "log-message", "log-note");

        LogCell(ListView<TestClientLine> list) {
            setWrapText(true);
            prefWidthProperty().bind(list.widthProperty().subtract(24));
            setMaxWidth(Region.USE_PREF_SIZE);
        }

        @Override
        protected void updateItem(TestClientLine line, boolean empty) {
            super.updateItem(line, empty);
            getStyleClass().removeAll(KINDS);
            if (empty || line == null) {
                setText(null);
                return;
            }
            setText(line.display());
            getStyleClass()
                    .add(
                            switch (line.kind()) {
                                case EVENT -> "log-event";
                                case RECOVERED_EVENT -> "log-recovered";
                                case PRESENCE -> "log-presence";
                                case WARNING -> "log-warning";
                                case MESSAGE -> "log-message";
                                case NOTE -> "log-note";
                            });
        }
    }

    private String label(String id) {
        return vm.directory().connections().stream()
                .filter(c -> c.id().equals(id))
                .findFirst()
                .map(c -> (c.userId() == null ? "(unauthenticated)" : c.userId()) + " · " + c.tenantId() + " · " + id)
                .orElse(id);
    }

    /** The view's node. */
    public Parent root() {
        return root;
    }
}
