package dev.zena.realtime.console.shell;

import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/**
 * Asks whether to send the admin token over plain http; the question comes from {@link PlainHttpConsent}. Cancel
 * is the default button, so Enter or Escape does not send anything.
 */
public final class PlainHttpDialog {

    /** The button that sends the token anyway. */
    static final ButtonType CONTINUE = new ButtonType("Continue", ButtonBar.ButtonData.OK_DONE);

    private PlainHttpDialog() {}

    /** Called before attaching to a plain-http server on another host; true only for Continue. */
    public static boolean confirm(Window owner, String question) {
        return build(owner, question).showAndWait().filter(CONTINUE::equals).isPresent();
    }

    static Alert build(Window owner, String question) {
        Alert alert = new Alert(Alert.AlertType.WARNING, "", ButtonType.CANCEL, CONTINUE);
        alert.initOwner(owner);
        alert.setTitle("Unencrypted connection");
        alert.setHeaderText(question);
        alert.setContentText("Anyone on the network path can read the token and act as this administrator. "
                + "Use https:// unless you trust every network in between.");
        Button cancel = (Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL);
        Button proceed = (Button) alert.getDialogPane().lookupButton(CONTINUE);
        proceed.setDefaultButton(false);
        cancel.setDefaultButton(true);
        cancel.setId("plain-http-cancel");
        proceed.setId("plain-http-continue");
        alert.setOnShown(e -> cancel.requestFocus());
        return alert;
    }
}
