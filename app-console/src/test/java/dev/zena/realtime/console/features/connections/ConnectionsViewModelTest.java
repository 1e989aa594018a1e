package dev.zena.realtime.console.features.connections;

import static dev.zena.realtime.console.FakeAdminClient.connection;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zena.realtime.console.FakeAdminClient;
import dev.zena.realtime.console.MutableClock;
import dev.zena.realtime.console.client.FeedEvent;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConnectionsViewModelTest {

    private final FakeAdminClient client = new FakeAdminClient();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final ConnectionsViewModel vm = new ConnectionsViewModel(client, Runnable::run, clock);

    @Test
    void feedOpensAndClosesRowsAtOnce() {
        vm.onFeed(new FeedEvent.ConnectionOpened(connection("c1", "acme-admin", "acme", "project.acme-tower")));

        assertThat(vm.rows()).extracting(ConnectionRow::id).containsExactly("c1");
        assertThat(vm.summaryProperty().get()).isEqualTo("1 of 1 connections");

        vm.onFeed(new FeedEvent.ConnectionClosed("c1", "acme", "acme-admin", 4010));

        assertThat(vm.rows()).isEmpty();
    }

    @Test
    void refreshAddsUpdatesAndRemovesRowsInPlace() {
        client.connections.add(connection("c1", "acme-admin", "acme"));
        client.connections.add(connection("c2", "globex-admin", "globex"));
        vm.refresh();
        ConnectionRow first = vm.rows().get(0);
        vm.selectedProperty().set(first);

        client.connections.remove(1);
        client.connections.set(0, connection("c1", "acme-admin", "acme", "dashboard.acme-admin"));
        clock.advance(Duration.ofSeconds(1));
        vm.refresh();

        assertThat(vm.rows()).containsExactly(first);
        assertThat(first.channelsProperty().get()).isEqualTo("dashboard.acme-admin");
        assertThat(vm.selectedProperty().get()).isSameAs(first);
        assertThat(vm.detailsProperty().get()).contains("dashboard.acme-admin").contains("acme-admin");
    }

    @Test
    void aRefreshAskedBeforeAFeedOpenDoesNotDropTheNewRow() {
        vm.onFeed(wire(client, "c9"));
        // the list was asked for at the same instant as the open: the row stays
        vm.refresh();
        assertThat(vm.rows()).extracting(ConnectionRow::id).containsExactly("c9");
        // once the grace has passed, a list without it removes it
        clock.advance(Duration.ofSeconds(10));
        vm.refresh();
        assertThat(vm.rows()).isEmpty();
    }

    @Test
    void filtersMatchTenantUserAndChannelCaseInsensitively() {
        client.connections.add(connection("c1", "acme-admin", "acme", "project.acme-tower"));
        client.connections.add(connection("c2", "acme-member", "acme", "task.acme-pour"));
        client.connections.add(connection("c3", "globex-admin", "globex", "project.globex-dam"));
        vm.refresh();

        vm.tenantFilterProperty().set("ACME");
        assertThat(vm.visibleRows()).extracting(ConnectionRow::id).containsExactly("c1", "c2");
        vm.userFilterProperty().set("member");
        assertThat(vm.visibleRows()).extracting(ConnectionRow::id).containsExactly("c2");
        vm.userFilterProperty().set("");
        vm.tenantFilterProperty().set("");
        vm.channelFilterProperty().set("project.");
        assertThat(vm.visibleRows()).extracting(ConnectionRow::id).containsExactly("c1", "c3");
        assertThat(vm.summaryProperty().get()).isEqualTo("2 of 3 connections");
    }

    @Test
    void disconnectClosesThroughTheApiAndSaysSo() {
        client.connections.add(connection("c1", "acme-admin", "acme"));
        vm.refresh();
        ConnectionRow row = vm.rows().get(0);

        assertThat(vm.confirmation(row)).contains("acme-admin").contains("4010");
        vm.disconnect(row);

        assertThat(client.disconnected).containsExactly("c1");
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.messageProperty().get()).contains("Disconnected c1");
    }

    private static FeedEvent wire(FakeAdminClient client, String id) {
        return new FeedEvent.ConnectionOpened(connection(id, "acme-pm", "acme"));
    }

    @Test
    void rowsNameTheirNodeAndTheNodeFilterKeepsOneNodesRows() {
        client.connections.add(FakeAdminClient.connectionOn("node-a", "c1", "acme-admin", "acme"));
        client.connections.add(FakeAdminClient.connectionOn("node-b", "c2", "acme-pm", "acme"));
        vm.refresh();

        assertThat(vm.rows()).extracting(row -> row.nodeProperty().get()).containsExactly("node-a", "node-b");
        vm.nodeFilterProperty().set("NODE-B");
        assertThat(vm.visibleRows()).extracting(ConnectionRow::id).containsExactly("c2");
        vm.selectedProperty().set(vm.visibleRows().get(0));
        assertThat(vm.detailsProperty().get()).contains("Node        node-b");
        assertThat(vm.partialProperty().get()).isEmpty();
    }

    @Test
    void aPartialListSaysWhichNodeIsSilentAndKeepsItsRowsAsLastSeen() {
        client.connections.add(FakeAdminClient.connectionOn("node-a", "c1", "acme-admin", "acme"));
        client.connections.add(FakeAdminClient.connectionOn("node-b", "c2", "acme-pm", "acme"));
        vm.refresh();

        client.connections.remove(1);
        client.nodesMissing.add("node-b");
        clock.advance(Duration.ofSeconds(10));
        vm.refresh();

        assertThat(vm.partialProperty().get()).contains("node-b").contains("did not answer");
        assertThat(vm.rows())
                .extracting(ConnectionRow::id)
                .as("node-b's row is not dropped for its silence")
                .containsExactly("c1", "c2");

        client.nodesMissing.clear();
        clock.advance(Duration.ofSeconds(10));
        vm.refresh();
        assertThat(vm.partialProperty().get()).isEmpty();
        assertThat(vm.rows())
                .extracting(ConnectionRow::id)
                .as("once node-b answers without it, it goes")
                .containsExactly("c1");
    }
}
