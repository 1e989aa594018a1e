package dev.zena.realtime.console.features.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zena.realtime.console.FakeAdminClient;
import dev.zena.realtime.console.client.FeedEvent;
import dev.zena.realtime.console.client.MetricsTotals;
import dev.zena.realtime.console.client.TrafficHistory;
import dev.zena.realtime.console.client.TrafficSample;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrafficViewModelTest {

    private final FakeAdminClient client = new FakeAdminClient();
    private final TrafficViewModel vm = new TrafficViewModel(client, Runnable::run);
    private final Instant start = Instant.parse("2026-11-25T10:25:00Z");

    @Test
    void historyThenTicksFillTheSelectedTenantsWindow() {
        client.traffic = new TrafficHistory(
                start,
                1,
                List.of(
                        new TrafficHistory.TenantSeries(
                                "acme",
                                List.of(1L, 2L, 3L),
                                List.of(4L, 5L, 6L),
                                List.of(0L, 0L, 1L),
                                List.of(0L, 0L, 0L),
                                List.of(1L, 1L, 2L)),
                        new TrafficHistory.TenantSeries(
                                "globex",
                                List.of(0L, 0L, 0L),
                                List.of(0L, 0L, 0L),
                                List.of(0L, 0L, 0L),
                                List.of(0L, 0L, 0L),
                                List.of(0L, 0L, 0L))),
                start.plusSeconds(3));
        vm.loadHistory();

        assertThat(vm.tenants()).containsExactly("acme", "globex");
        assertThat(vm.tenantProperty().get()).isEqualTo("acme");
        assertThat(vm.points()).hasSize(TrafficViewModel.WINDOW_SECONDS);
        assertThat(last(0).sample()).isEqualTo(new TrafficSample(3, 6, 1, 0, 2));

        vm.onFeed(new FeedEvent.TrafficTick(start.plusSeconds(3), Map.of("acme", new TrafficSample(9, 8, 0, 1, 2))));

        assertThat(last(0).sample()).isEqualTo(new TrafficSample(9, 8, 0, 1, 2));
        assertThat(last(1).sample()).isEqualTo(new TrafficSample(3, 6, 1, 0, 2));
        assertThat(vm.lastSecondTextProperty().get()).contains("in 9/s").contains("dropped 1");
    }

    @Test
    void switchingTenantRedrawsItsSeries() {
        vm.onFeed(new FeedEvent.TrafficTick(
                start, Map.of("acme", new TrafficSample(5, 5, 0, 0, 1), "globex", new TrafficSample(7, 0, 0, 0, 1))));
        vm.tenantProperty().set("globex");
        assertThat(last(0).sample().messagesIn()).isEqualTo(7);
    }

    @Test
    void totalsShowTheMetricsAsReported() {
        client.metrics = new MetricsTotals(
                150,
                Map.of("tenant_1", 50L, "tenant_2", 100L),
                new MetricsTotals.Rate(25.5, 125000),
                new MetricsTotals.Rate(0.1, 500),
                new MetricsTotals.Rate(0, 0),
                start);
        vm.refreshTotals();
        assertThat(vm.totalsTextProperty().get())
                .contains("connections 150")
                .contains("25.5/s")
                .contains("125,000 today")
                .contains("500 today");
        assertThat(vm.tenants()).contains("tenant_1", "tenant_2");
    }

    private TrafficPoint last(int secondsAgo) {
        return vm.points().get(vm.points().size() - 1 - secondsAgo);
    }
}
