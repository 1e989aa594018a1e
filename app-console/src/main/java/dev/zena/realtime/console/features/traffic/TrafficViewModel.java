package dev.zena.realtime.console.features.traffic;

import dev.zena.realtime.console.client.AdminClient;
import dev.zena.realtime.console.client.FeedEvent;
import dev.zena.realtime.console.client.MetricsTotals;
import dev.zena.realtime.console.client.TrafficHistory;
import dev.zena.realtime.console.client.TrafficSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Per-tenant traffic over the last {@link #WINDOW_SECONDS} seconds: loaded from {@code /api/v1/admin/traffic}, then
 * extended by the feed's ticks; the selected tenant's series as points for the charts; totals from
 * {@code /api/metrics/websocket} as the server reports them. State changes on the UI executor only.
 */
public final class TrafficViewModel {

    /** How far back the charts look. */
    public static final int WINDOW_SECONDS = 300;

    private final AdminClient client;
    private final Executor ui;
    private final Map<String, TreeMap<Long, TrafficSample>> history = new HashMap<>();
    private final ObservableList<String> tenants = FXCollections.observableArrayList();
    private final ObservableList<String> tenantsView = FXCollections.unmodifiableObservableList(tenants);
    private final StringProperty tenant = new SimpleStringProperty();
    private final ObservableList<TrafficPoint> points = FXCollections.observableArrayList();
    private final ObservableList<TrafficPoint> pointsView = FXCollections.unmodifiableObservableList(points);
    private final ReadOnlyObjectWrapper<MetricsTotals> totals = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper totalsText = new ReadOnlyStringWrapper("Totals: waiting for the server…");
    private final ReadOnlyStringWrapper lastSecondText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper availability = new ReadOnlyStringWrapper("");
    private long newestSecond = Long.MIN_VALUE;

    /** Called once per session. */
    public TrafficViewModel(AdminClient client, Executor ui) {
        this.client = client;
        this.ui = ui;
        tenant.addListener((o, a, b) -> rebuildPoints());
    }

    /** Tenants seen in the history, the feed or the metrics, sorted. */
    public ObservableList<String> tenants() {
        return tenantsView;
    }

    /** The tenant the charts show; chosen by the user, or the first known one until then. */
    public StringProperty tenantProperty() {
        return tenant;
    }

    /** The selected tenant's last {@link #WINDOW_SECONDS} seconds, oldest first, gaps filled with zeros. */
    public ObservableList<TrafficPoint> points() {
        return pointsView;
    }

    /** The last metrics answer, or null before the first. */
    public ReadOnlyObjectProperty<MetricsTotals> totalsProperty() {
        return totals.getReadOnlyProperty();
    }

    /** The totals in one line. */
    public ReadOnlyStringProperty totalsTextProperty() {
        return totalsText.getReadOnlyProperty();
    }

    /** The selected tenant's newest second in one line. */
    public ReadOnlyStringProperty lastSecondTextProperty() {
        return lastSecondText.getReadOnlyProperty();
    }

    /** Why there is nothing to draw (the server has no traffic series), or empty. */
    public ReadOnlyStringProperty availabilityProperty() {
        return availability.getReadOnlyProperty();
    }

    /** Called when the session starts and on Ctrl+R: loads the whole window for every tenant. */
    public CompletableFuture<Void> loadHistory() {
        return client.traffic(WINDOW_SECONDS, null)
                .handleAsync(
                        (history, error) -> {
                            if (error != null) {
                                availability.set("No traffic history from the server: " + describe(error));
                            } else {
                                availability.set("");
                                applyHistory(history);
                            }
                            return null;
                        },
                        ui);
    }

    /** Called every two seconds: reloads the totals. */
    public CompletableFuture<Void> refreshTotals() {
        return client.metrics()
                .handleAsync(
                        (metrics, error) -> {
                            if (error != null) {
                                totalsText.set("Server totals unavailable: " + describe(error));
                            } else {
                                applyTotals(metrics);
                            }
                            return null;
                        },
                        ui);
    }

    private static String describe(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause()
                : error;
        return cause instanceof dev.zena.realtime.console.client.AdminApiException api
                ? api.describe()
                : String.valueOf(cause.getMessage());
    }

    /** Called with each feed event (UI thread). */
    public void onFeed(FeedEvent event) {
        if (event instanceof FeedEvent.TrafficTick tick && tick.second() != null) {
            long second = tick.second().getEpochSecond();
            for (String known : history.keySet()) {
                history.get(known).putIfAbsent(second, TrafficSample.EMPTY);
            }
            tick.tenants().forEach((id, sample) -> series(id).put(second, sample));
            advance(second);
        } else if (event instanceof FeedEvent.Hello) {
            loadHistory();
        }
    }

    void applyHistory(TrafficHistory traffic) {
        if (traffic.start() == null) {
            return;
        }
        long start = traffic.start().getEpochSecond();
        long last = start;
        for (TrafficHistory.TenantSeries series : traffic.tenants()) {
            TreeMap<Long, TrafficSample> seconds = series(series.tenantId());
            for (int i = 0; i < series.length(); i++) {
                long second = start + (long) i * traffic.intervalSeconds();
                seconds.put(second, series.sample(i));
                last = Math.max(last, second);
            }
        }
        advance(last);
    }

    void applyTotals(MetricsTotals metrics) {
        totals.set(metrics);
        metrics.connectionsPerTenant().keySet().forEach(this::series);
        refreshTenants();
        totalsText.set(String.format(
                Locale.ROOT,
                "Server totals — connections %d · messages %.1f/s (%,d today) · errors %.1f/s (%,d today) · "
                        + "dropped %.1f/s (%,d today)",
                metrics.connections(),
                metrics.messages().perSecond(),
                metrics.messages().totalToday(),
                metrics.errors().perSecond(),
                metrics.errors().totalToday(),
                metrics.dropped().perSecond(),
                metrics.dropped().totalToday()));
    }

    private TreeMap<Long, TrafficSample> series(String tenantId) {
        return history.computeIfAbsent(tenantId, id -> new TreeMap<>());
    }

    private void advance(long second) {
        newestSecond = Math.max(newestSecond, second);
        long oldest = newestSecond - WINDOW_SECONDS + 1;
        history.values().forEach(map -> map.headMap(oldest).clear());
        refreshTenants();
        rebuildPoints();
    }

    private void refreshTenants() {
        TreeSet<String> sorted = new TreeSet<>(history.keySet());
        if (!sorted.equals(new TreeSet<>(tenants))) {
            String keep = tenant.get();
            tenants.setAll(sorted);
            tenant.set(keep != null && sorted.contains(keep) ? keep : null);
        }
        if (tenant.get() == null && !tenants.isEmpty()) {
            tenant.set(tenants.get(0));
        }
    }

    private void rebuildPoints() {
        String selected = tenant.get();
        if (selected == null || newestSecond == Long.MIN_VALUE) {
            points.clear();
            lastSecondText.set("");
            return;
        }
        TreeMap<Long, TrafficSample> seconds = series(selected);
        List<TrafficPoint> next = new ArrayList<>(WINDOW_SECONDS);
        for (int ago = WINDOW_SECONDS - 1; ago >= 0; ago--) {
            next.add(new TrafficPoint(ago, seconds.getOrDefault(newestSecond - ago, TrafficSample.EMPTY)));
        }
        points.setAll(next);
        TrafficSample last = seconds.getOrDefault(newestSecond, TrafficSample.EMPTY);
        lastSecondText.set(String.format(
                Locale.ROOT,
                "%s at %s — in %d/s · out %d/s · errors %d · dropped %d · " + "connections %d",
                selected,
                Instant.ofEpochSecond(newestSecond),
                last.messagesIn(),
                last.messagesOut(),
                last.errors(),
                last.dropped(),
                last.connections()));
    }
}
