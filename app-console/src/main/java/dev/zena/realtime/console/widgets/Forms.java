package dev.zena.realtime.console.widgets;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

/** Two-column label/value grids, the console's one form layout. */
public final class Forms {

    private Forms() {}

    /** A grid whose second column takes the spare width. */
    public static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        grid.setPadding(new Insets(4, 0, 4, 0));
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(110);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        values.setFillWidth(true);
        grid.getColumnConstraints().addAll(labels, values);
        return grid;
    }

    /** Adds {@code label: value} as the next row. */
    public static void row(GridPane grid, String label, Node value) {
        int row = grid.getRowCount();
        Label name = new Label(label);
        name.getStyleClass().add("form-label");
        grid.add(name, 0, row);
        grid.add(value, 1, row);
    }

    /** A section heading. */
    public static Label heading(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("heading");
        return label;
    }
}
