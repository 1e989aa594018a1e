package dev.zena.realtime.console.features.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The Traffic view: a tenant selector, two line charts over the last five minutes, the server totals. */
public final class TrafficView {

    private final TrafficViewModel vm;
    private final BorderPane root = new BorderPane();
    private final XYChart.Series<Number, Number> in = series("in");
    private final XYChart.Series<Number, Number> out = series("out");
    private final XYChart.Series<Number, Number> errors = series("errors");
    private final XYChart.Series<Number, Number> dropped = series("dropped");
    private final LineChart<Number, Number> messagesChart;
    private final LineChart<Number, Number> problemsChart;

    /** Called once per session. */
    public TrafficView(TrafficViewModel vm) {
        this.vm = vm;
        root.setId("traffic-view");
        root.setPadding(new Insets(12));
        ComboBox<String> tenant = new ComboBox<>(vm.tenants());
        tenant.setId("traffic-tenant");
        tenant.setPromptText("tenant");
        tenant.valueProperty().bindBidirectional(vm.tenantProperty());
        Label last = new Label();
        last.setId("traffic-last");
        last.textProperty().bind(vm.lastSecondTextProperty());
        Label availability = new Label();
        availability.setId("traffic-availability");
        availability.getStyleClass().add("error-text");
        availability.textProperty().bind(vm.availabilityProperty());
        HBox top = new HBox(8, new Label("Tenant:"), tenant, last, availability);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(0, 0, 8, 0));
        root.setTop(top);

        messagesChart = chart("Messages per second", "traffic-messages-chart", in, out);
        problemsChart = chart("Errors and drops per second", "traffic-problems-chart", errors, dropped);
        VBox charts = new VBox(4, messagesChart, problemsChart);
        VBox.setVgrow(messagesChart, Priority.ALWAYS);
        VBox.setVgrow(problemsChart, Priority.ALWAYS);
        root.setCenter(charts);

        Label totals = new Label();
        totals.setId("traffic-totals");
        totals.textProperty().bind(vm.totalsTextProperty());
        totals.getStyleClass().add("totals");
        totals.setWrapText(true);
        root.setBottom(totals);
        BorderPane.setMargin(totals, new Insets(8, 0, 0, 0));
        vm.points().addListener((ListChangeListener<TrafficPoint>) change -> redraw());
        redraw();
    }

    private void redraw() {
        List<TrafficPoint> points = vm.points();
        fill(in, points, p -> p.sample().messagesIn());
        fill(out, points, p -> p.sample().messagesOut());
        fill(errors, points, p -> p.sample().errors());
        fill(dropped, points, p -> p.sample().dropped());
    }

    private static void fill(
            XYChart.Series<Number, Number> series, List<TrafficPoint> points, ToLongFunction<TrafficPoint> value) {
        List<XYChart.Data<Number, Number>> data = new ArrayList<>(points.size());
        for (TrafficPoint point : points) {
            data.add(new XYChart.Data<>(-point.secondsAgo(), value.applyAsLong(point)));
        }
        series.getData().setAll(data);
    }

    private static LineChart<Number, Number> chart(
            String title, String id, XYChart.Series<Number, Number> first, XYChart.Series<Number, Number> second) {
        NumberAxis x = new NumberAxis(-TrafficViewModel.WINDOW_SECONDS, 0, 30);
        x.setLabel("seconds ago");
        x.setAutoRanging(false);
        NumberAxis y = new NumberAxis();
        y.setForceZeroInRange(true);
        y.setMinorTickVisible(false);
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId(id);
        chart.setTitle(title);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.getData().add(first);
        chart.getData().add(second);
        chart.setMinHeight(160);
        return chart;
    }

    private static XYChart.Series<Number, Number> series(String name) {
        XYChart.Series<Number, Number> series = new XYChart.Series<>();
        series.setName(name);
        return series;
    }

    /** The messages chart (in, out), for tests. */
    public LineChart<Number, Number> messagesChart() {
        return messagesChart;
    }

    /** The view's node. */
    public Parent root() {
        return root;
    }
}
