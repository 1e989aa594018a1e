package dev.zena.realtime.console.shell;

import dev.zena.realtime.console.widgets.Forms;
import java.net.URI;
import java.util.Optional;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** Asks for a server and a token; answers them when the user pressed Connect. */
public final class ConnectDialog {

    /** What the user chose. */
    public record Choice(URI server, String token) {
        @Override
        public String toString() {
            return "Choice[server=" + server + ", token=****]";
        }
    }

    private ConnectDialog() {}

    /** Called by Ctrl+O, and at start-up for {@code --connect} or a {@code --server} without a token. */
    public static Optional<Choice> ask(Window owner, ConnectViewModel vm) {
        Dialog<Choice> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Connect to a Zena Realtime server");
        dialog.setHeaderText("Server address and an administrator's token (admin.access or admin.global).\n"
                + "Recent addresses are remembered; tokens never are.");
        ButtonType connect = new ButtonType("Connect", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(connect, ButtonType.CANCEL);
        ComboBox<String> server = new ComboBox<>(vm.recent());
        server.setId("connect-server");
        server.setEditable(true);
        server.setPrefWidth(360);
        server.valueProperty().bindBidirectional(vm.serverProperty());
        server.getEditor()
                .textProperty()
                .addListener((o, a, b) -> vm.serverProperty().set(b));
        PasswordField token = new PasswordField();
        token.setId("connect-token");
        token.textProperty().bindBidirectional(vm.tokenProperty());
        Label problem = new Label();
        problem.getStyleClass().add("error-text");
        problem.textProperty().bind(vm.problemProperty());
        Label notice = new Label();
        notice.setId("connect-notice");
        notice.setWrapText(true);
        notice.setMaxWidth(460);
        notice.textProperty().bind(vm.noticeProperty());
        notice.visibleProperty().bind(vm.noticeProperty().isNotNull());
        notice.managedProperty().bind(notice.visibleProperty());
        GridPane grid = Forms.grid();
        Forms.row(grid, "Server", server);
        Forms.row(grid, "Token", token);
        dialog.getDialogPane().setContent(new VBox(8, grid, notice, problem));
        dialog.getDialogPane()
                .lookupButton(connect)
                .disableProperty()
                .bind(vm.problemProperty().isNotNull());
        dialog.setResultConverter(button -> button == connect
                ? new Choice(vm.serverUri(), vm.tokenProperty().get().strip())
                : null);
        token.requestFocus();
        return dialog.showAndWait();
    }
}
