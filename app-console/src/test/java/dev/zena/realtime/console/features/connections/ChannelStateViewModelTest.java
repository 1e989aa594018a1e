package dev.zena.realtime.console.features.connections;

import static dev.zena.realtime.console.FakeAdminClient.connection;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zena.realtime.console.FakeAdminClient;
import dev.zena.realtime.console.MutableClock;
import dev.zena.realtime.console.client.AdminApiException;
import dev.zena.realtime.console.client.ChannelHistory;
import dev.zena.realtime.console.client.ChannelPosition;
import dev.zena.realtime.console.client.ChannelPresence;
import dev.zena.realtime.console.client.FeedEvent;
import dev.zena.realtime.console.client.ServerUnreachableException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The channel panel's logic without the toolkit: what it reads, when, and how it says what it found. */
class ChannelStateViewModelTest {

    private static final String TOWER = "project.acme-tower";
    private static final String PLANT = "project.globex-plant";

    private final FakeAdminClient client = new FakeAdminClient();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:30:00Z"));
    private final ConnectionsViewModel connections = new ConnectionsViewModel(client, Runnable::run, clock);
    private final ChannelStateViewModel vm = connections.channel();

    ChannelStateViewModelTest() {
        client.histories.put(TOWER, history(58, "k3Jx"));
        client.presences.put(
                TOWER,
                new ChannelPresence(
                        TOWER,
                        2,
                        List.of(
                                new ChannelPresence.Member("acme-pm", "Paul Park", 2),
                                new ChannelPresence.Member("acme-member", "Mia Moreau", 1)),
                        false));
        client.connections.add(connection("c1", "acme-member", "acme", TOWER, "task.acme-t1"));
        client.connections.add(connection("c2", "acme-pm", "acme", TOWER));
        client.connections.add(connection("c3", "globex-pm", "globex", PLANT));
        client.channelFailures.put(
                PLANT,
                new AdminApiException(403, "FORBIDDEN", "No permission for this channel (tenant or role)", null));
        connections.refresh();
    }

    @Test
    void selectingAConnectionShowsItsFirstChannelsPositionAndWhoIsInIt() {
        select("c1");

        assertThat(vm.channelProperty().get()).isEqualTo(TOWER);
        assertThat(vm.choices()).containsExactly(TOWER, "task.acme-t1");
        assertThat(vm.positionProperty().get()).isEqualTo("offset 58 · epoch k3Jx");
        assertThat(vm.presenceProperty().get()).isEqualTo("2 users present · 3 connections");
        assertThat(vm.users())
                .containsExactly("Paul Park (acme-pm) · 2 connections", "Mia Moreau (acme-member) · 1 connection");
        assertThat(vm.truncatedProperty().get()).isFalse();
        assertThat(vm.statusProperty().get()).startsWith(TOWER + " as of 10:30:00 UTC");
        assertThat(client.channelReads).containsExactly("history " + TOWER, "presence " + TOWER);
    }

    @Test
    void aChannelTheAdminMayNotReadSaysSoWithTheServersStatus() {
        select("c3");

        assertThat(vm.statusProperty().get())
                .isEqualTo("The console's admin token may not read " + PLANT
                        + ": 403 FORBIDDEN: No permission for this channel (tenant or role)");
        assertThat(vm.positionProperty().get()).startsWith("403 FORBIDDEN");
        assertThat(vm.presenceProperty().get()).startsWith("403 FORBIDDEN");
        assertThat(vm.users()).isEmpty();
    }

    @Test
    void itIsReadOnSelectionAndOnRefreshOnlyNeverByTheTablesOwnRefresh() {
        select("c1");
        for (int second = 0; second < 5; second++) {
            clock.advance(Duration.ofSeconds(1));
            connections.refresh();
            connections.onFeed(
                    new FeedEvent.ConnectionOpened(connection("c" + (9 + second), "acme-pm", "acme", TOWER)));
        }
        assertThat(client.channelReads).hasSize(2);

        select("c2"); // the same channel, another connection: read again, once
        assertThat(client.channelReads).hasSize(4);
        vm.refresh();
        assertThat(client.channelReads).hasSize(6);
        assertThat(vm.statusProperty().get()).startsWith(TOWER + " as of 10:30:05 UTC");
    }

    @Test
    void aChannelPickedOrTypedIsKeptWhileTheSameConnectionStaysSelected() {
        select("c1");
        client.histories.put("task.acme-t1", history(0, "e1"));
        client.presences.put("task.acme-t1", new ChannelPresence("task.acme-t1", 0, List.of(), false));
        vm.channelProperty().set("task.acme-t1");
        connections.refresh();

        assertThat(vm.channelProperty().get()).isEqualTo("task.acme-t1");
        assertThat(vm.positionProperty().get()).isEqualTo("offset 0 (no event yet) · epoch e1");
        assertThat(vm.presenceProperty().get()).isEqualTo("Nobody present");
    }

    @Test
    void aTruncatedListSaysHowManyAreListedAndThatConnectionsAreAtLeast() {
        client.presences.put(
                TOWER, new ChannelPresence(TOWER, 1200, List.of(new ChannelPresence.Member("u1", "u1", 3)), true));
        select("c1");

        assertThat(vm.presenceProperty().get())
                .isEqualTo("1200 users present · at least 3 connections · 1 listed (the server's presence.max_users)");
        assertThat(vm.users()).containsExactly("u1 · 3 connections");
        assertThat(vm.truncatedProperty().get()).isTrue();
    }

    @Test
    void whenOnlyOneTwinAnswersTheOtherSaysWhy() {
        client.presences.remove(TOWER);
        client.histories.put(TOWER, new ChannelHistory(List.of(), null, true, null));
        select("c1");

        assertThat(vm.positionProperty().get()).contains("predates SPEC §9");
        assertThat(vm.presenceProperty().get()).isEqualTo("Nobody present");
    }

    @Test
    void anUnreachableServerIsNotCalledARefusal() {
        client.channelFailures.put(
                TOWER, new ServerUnreachableException("Server unreachable (connection refused)", null));
        vm.channelProperty().set(TOWER);

        assertThat(vm.statusProperty().get())
                .isEqualTo("Could not read " + TOWER + ": Server unreachable (connection refused)");
    }

    @Test
    void anAnswerForAChannelNoLongerShownIsDropped() {
        List<Runnable> later = new ArrayList<>();
        ConnectionsViewModel slow = new ConnectionsViewModel(client, later::add, clock);
        slow.channel().channelProperty().set(PLANT);
        slow.channel().channelProperty().set(TOWER);
        assertThat(slow.channel().statusProperty().get()).isEqualTo("Reading " + TOWER + "…");

        later.forEach(Runnable::run);

        assertThat(slow.channel().statusProperty().get()).startsWith(TOWER + " as of");
        assertThat(slow.channel().positionProperty().get()).isEqualTo("offset 58 · epoch k3Jx");
    }

    @Test
    void noChannelMeansAHintAndNoRead() {
        vm.channelProperty().set("  ");
        assertThat(vm.statusProperty().get()).isEqualTo(ChannelStateViewModel.HINT);
        assertThat(client.channelReads).isEmpty();
    }

    private void select(String id) {
        connections
                .selectedProperty()
                .set(connections.rows().stream()
                        .filter(r -> r.id().equals(id))
                        .findFirst()
                        .orElseThrow());
    }

    private static ChannelHistory history(long offset, String epoch) {
        return new ChannelHistory(List.of(), new ChannelPosition(offset, epoch), true, null);
    }
}
