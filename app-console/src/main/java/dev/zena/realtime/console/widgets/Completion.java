package dev.zena.realtime.console.widgets;

import java.util.List;
import java.util.function.Function;
import javafx.geometry.Side;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;

/** A drop-down of suggestions under a text field while it has focus and its text changes. */
public final class Completion {

    private Completion() {}

    /** Called once when a view builds {@code field}. */
    public static void attach(TextField field, Function<String, List<String>> suggestions) {
        ContextMenu menu = new ContextMenu();
        field.textProperty().addListener((o, before, typed) -> {
            if (!field.isFocused()) {
                return;
            }
            List<String> found = suggestions.apply(typed);
            if (found.isEmpty() || (found.size() == 1 && found.get(0).equals(typed))) {
                menu.hide();
                return;
            }
            menu.getItems()
                    .setAll(found.stream()
                            .map(name -> {
                                CustomMenuItem item = new CustomMenuItem(new Label(name), true);
                                item.setOnAction(e -> {
                                    field.setText(name);
                                    field.positionCaret(name.length());
                                    menu.hide();
                                });
                                return item;
                            })
                            .toList());
            if (!menu.isShowing()) {
                menu.show(field, Side.BOTTOM, 0, 0);
            }
        });
        field.focusedProperty().addListener((o, was, is) -> {
            if (!is) {
                menu.hide();
            }
        });
    }
}
