package dev.zena.realtime.console.features.send;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zena.realtime.console.FakeAdminClient;
import dev.zena.realtime.console.MutableClock;
import dev.zena.realtime.console.client.AdminJson;
import dev.zena.realtime.console.client.ChannelKind;
import dev.zena.realtime.console.client.ChannelPatterns;
import dev.zena.realtime.console.client.WatchSocket;
import dev.zena.realtime.console.directory.Directory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestClientViewModelTest {

    private final FakeAdminClient client = new FakeAdminClient();
    private final Directory directory = new Directory(client, Runnable::run);
    private final TestClientViewModel vm =
            new TestClientViewModel(client, directory, Runnable::run, new MutableClock(Instant.EPOCH));

    @Test
    void serverMessagesReadAsABrowserWouldSeeThem() {
        assertThat(MessageLines.summarize(message("""
                {"type":"subscription","granted":["project.acme-tower"],
                 "denied":[{"channel":"project.acme-bridge","status":403,"code":"FORBIDDEN","message":"…"}]}""")))
                .isEqualTo("subscription granted: project.acme-tower · denied: project.acme-bridge (403 FORBIDDEN)");
        assertThat(MessageLines.summarize(message("""
                {"type":"event","channel":"task.acme-t1","event":"task.updated","data":{"id":"acme-t1"},"test":true}""")))
                .isEqualTo("event task.updated on task.acme-t1 (test)  {\"id\":\"acme-t1\"}");
        assertThat(MessageLines.summarize(message("""
                {"type":"unsubscription","channels":["project.acme-tower"],"reason":{"code":"FORBIDDEN"}}"""))).isEqualTo("unsubscription project.acme-tower — FORBIDDEN");
    }

    @Test
    void channelsAreSplitOnCommasAndSpaces() {
        vm.channelsProperty().set(" project.a, task.b  task.b,,metrics.acme ");
        assertThat(vm.channelList()).containsExactly("project.a", "task.b", "metrics.acme");
    }

    @Test
    void aFailedConnectSaysWhy() {
        vm.userProperty().set("acme-pm");
        vm.connect();
        assertThat(vm.statusProperty().get()).startsWith("Could not connect as acme-pm");
        assertThat(vm.connectedProperty().get()).isFalse();
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void theChannelsFieldStartsWithTheExampleInTheServersPattern() {
        assertThat(vm.channelsProperty().get()).isEqualTo("project.acme-tower");
        client.patterns = new ChannelPatterns(Map.of(ChannelKind.PROJECT, "proj-{project_id}.live"));
        directory.refresh().join();
        assertThat(vm.channelsProperty().get()).isEqualTo("proj-acme-tower.live");
    }

    @Test
    void whatTheUserTypedIsKeptWhenThePatternsArrive() {
        vm.channelsProperty().set("task.acme-t1");
        client.patterns = new ChannelPatterns(Map.of(ChannelKind.PROJECT, "proj-{project_id}.live"));
        directory.refresh().join();
        assertThat(vm.channelsProperty().get()).isEqualTo("task.acme-t1");
    }

    @Test
    void aReconnectSubscribesWithTheLastPositionSeenAndShowsTheReplayedEventsApart() {
        client.isSocketAvailable = true;
        vm.userProperty().set("acme-member");
        vm.connect();
        FakeAdminClient.FakeSocket first = client.sockets.get(0);
        assertThat(first.sent()).singleElement().satisfies(frame -> {
            assertThat(frame.path("channels").toString()).isEqualTo("[\"project.acme-tower\"]");
            assertThat(frame.has("since"))
                    .as("a fresh connect recovers nothing")
                    .isFalse();
        });
        first.receive("""
                {"type":"subscription","granted":["project.acme-tower"],"denied":[],
                 "positions":{"project.acme-tower":{"offset":4,"epoch":"k3Jx"}}}""");
        first.receive(event(5, "k3Jx", false));
        assertThat(vm.positionsProperty().get()).isEqualTo("project.acme-tower at #5 (epoch k3Jx)");
        assertThat(vm.canReconnectProperty().get())
                .as("connected: nothing to reconnect")
                .isFalse();

        vm.disconnect();
        assertThat(vm.canReconnectProperty().get()).isTrue();
        assertThat(vm.statusProperty().get()).contains("Reconnect recovers");
        vm.reconnect();

        FakeAdminClient.FakeSocket second = client.sockets.get(1);
        assertThat(second.sent()).singleElement().isEqualTo(AdminJson.parse("""
                {"type":"subscribe","channels":["project.acme-tower"],
                 "since":{"project.acme-tower":{"offset":5,"epoch":"k3Jx"}}}"""));
        second.receive("""
                {"type":"subscription","granted":["project.acme-tower"],"denied":[],
                 "positions":{"project.acme-tower":{"offset":8,"epoch":"k3Jx"}},
                 "recovery":{"project.acme-tower":{"recovered":true}}}""");
        second.receive(event(6, "k3Jx", true));
        second.receive(event(7, "k3Jx", true));
        second.receive(event(8, "k3Jx", true));
        second.receive(event(9, "k3Jx", false));

        assertThat(vm.recoveries()).singleElement().satisfies(answer -> {
            assertThat(answer.isRecovered()).isTrue();
            assertThat(answer.describe()).isEqualTo("project.acme-tower: recovered · 3 missed events replayed");
        });
        List<TestClientLine> events = vm.log().stream()
                .filter(line -> line.text().contains("event test.n"))
                .toList();
        assertThat(events)
                .extracting(TestClientLine::kind)
                .containsExactly(
                        TestClientLine.Kind.EVENT,
                        TestClientLine.Kind.RECOVERED_EVENT,
                        TestClientLine.Kind.RECOVERED_EVENT,
                        TestClientLine.Kind.RECOVERED_EVENT,
                        TestClientLine.Kind.EVENT);
        assertThat(events.get(1).text()).isEqualTo("RECOVERED event test.n on project.acme-tower #6 (test)  {\"n\":6}");
        assertThat(events.get(4).text()).isEqualTo("event test.n on project.acme-tower #9 (test)  {\"n\":9}");
        assertThat(vm.log())
                .anySatisfy(
                        line -> assertThat(line.text())
                                .isEqualTo(
                                        "subscription granted: project.acme-tower (#8) · recovery: project.acme-tower recovered"));
        assertThat(vm.log()).anySatisfy(line -> {
            assertThat(line.kind()).isEqualTo(TestClientLine.Kind.NOTE);
            assertThat(line.text())
                    .isEqualTo("reconnecting as acme-member — since project.acme-tower at #5 (epoch k3Jx)");
        });
        assertThat(vm.eventsReceivedProperty().get()).isEqualTo(5);
        assertThat(vm.recoveredReceivedProperty().get()).isEqualTo(3);
        assertThat(vm.positionsProperty().get()).isEqualTo("project.acme-tower at #9 (epoch k3Jx)");
    }

    @Test
    void aRecoveryTheServerRefusesShowsItsReason() {
        FakeAdminClient.FakeSocket first = connectedTo("project.acme-tower", 3, "e1");
        first.receive("{\"type\":\"closed\",\"code\":4010,\"reason\":\"disconnected by an administrator\"}");
        assertThat(vm.connectedProperty().get()).isFalse();
        assertThat(vm.canReconnectProperty().get())
                .as("a close by the server may be recovered from too")
                .isTrue();

        vm.reconnect();
        client.sockets.get(1).receive("""
                {"type":"subscription","granted":["project.acme-tower"],"denied":[],
                 "positions":{"project.acme-tower":{"offset":1,"epoch":"e2"}},
                 "recovery":{"project.acme-tower":{"recovered":false,"reason":"epoch_changed"}}}""");

        assertThat(vm.recoveries())
                .extracting(RecoveryAnswer::describe)
                .containsExactly("project.acme-tower: not recovered (epoch_changed)");
        assertThat(vm.positionsProperty().get())
                .as("a new epoch replaces the old position")
                .isEqualTo("project.acme-tower at #1 (epoch e2)");
    }

    @Test
    void aChannelUnsubscribedIsNotAskedForAgainAndPositionsNeverMoveBack() {
        FakeAdminClient.FakeSocket first = connectedTo("project.acme-tower task.acme-t1", 3, "e1");
        first.receive(event(2, "e1", false)); // an admin test event to a connection carries an older position
        first.receive("""
                {"type":"unsubscription","channels":["task.acme-t1"],"remaining_channels":["project.acme-tower"]}""");
        vm.disconnect();
        vm.reconnect();

        assertThat(client.sockets.get(1).sent().get(0)).isEqualTo(AdminJson.parse("""
                {"type":"subscribe","channels":["project.acme-tower"],
                 "since":{"project.acme-tower":{"offset":3,"epoch":"e1"}}}"""));
    }

    @Test
    void aFreshConnectForgetsWhatWasSeenAndAsksForPresenceEventsWhenTicked() {
        connectedTo("project.acme-tower", 3, "e1");
        vm.disconnect();
        vm.presenceEventsProperty().set(true);
        vm.userProperty().set("acme-pm");
        vm.connect();

        FakeAdminClient.FakeSocket second = client.sockets.get(1);
        assertThat(second.sent().get(0)).isEqualTo(AdminJson.parse("""
                {"type":"subscribe","channels":["project.acme-tower"],"presence_events":true}"""));
        second.receive("""
                {"type":"presence_event","channel":"project.acme-tower","event":"joined",
                 "user":{"user_id":"acme-member","user_name":"Mia Moreau"},"connections":1}""");
        assertThat(vm.log()).last().satisfies(line -> {
            assertThat(line.kind()).isEqualTo(TestClientLine.Kind.PRESENCE);
            assertThat(line.text())
                    .isEqualTo("presence: Mia Moreau (acme-member) joined project.acme-tower · 1 connection");
        });
        assertThat(vm.positionsProperty().get()).isEmpty();
    }

    @Test
    void reconnectIsRefusedWhileConnectedOrWithNothingRemembered() {
        vm.reconnect();
        assertThat(client.sockets).isEmpty();
        connectedTo("project.acme-tower", 3, "e1");
        vm.reconnect();
        assertThat(client.sockets).hasSize(1);
    }

    @Test
    void serverMessagesOfRecoveryAndPresenceReadAsLines() {
        assertThat(MessageLines.summarize(message("""
                {"type":"presence_summary","channel":"project.p","count":1200,"joined":["u1","u2"],"left":[]}""")))
                .isEqualTo("presence summary on project.p: 1200 present · joined u1, u2 · left none");
        assertThat(MessageLines.summarize(message("""
                {"type":"resync","channel":"project.p","offset":9,"epoch":"e3","reason":"epoch_changed"}""")))
                .isEqualTo("resync project.p: a gap the server cannot fill (epoch_changed) — the channel is now at #9,"
                        + " epoch e3");
        assertThat(MessageLines.kind(message("{\"type\":\"resync\",\"channel\":\"p\"}")))
                .isEqualTo(TestClientLine.Kind.WARNING);
    }

    /** Connects as acme-member to {@code channels}, answered with every channel at {@code offset} in {@code epoch}. */
    private FakeAdminClient.FakeSocket connectedTo(String channels, long offset, String epoch) {
        client.isSocketAvailable = true;
        vm.userProperty().set("acme-member");
        vm.channelsProperty().set(channels);
        vm.connect();
        FakeAdminClient.FakeSocket socket = client.sockets.get(client.sockets.size() - 1);
        var reply = AdminJson.MAPPER.createObjectNode().put("type", "subscription");
        var granted = reply.putArray("granted");
        var positions = reply.putObject("positions");
        for (String channel : vm.channelList()) {
            granted.add(channel);
            positions.putObject(channel).put("offset", offset).put("epoch", epoch);
        }
        socket.receive(reply.toString());
        return socket;
    }

    private static String event(long offset, String epoch, boolean isRecovered) {
        return "{\"type\":\"event\",\"channel\":\"project.acme-tower\",\"event\":\"test.n\",\"data\":{\"n\":"
                + offset + "},\"offset\":" + offset + ",\"epoch\":\"" + epoch + "\",\"test\":true"
                + (isRecovered ? ",\"recovered\":true" : "") + ",\"timestamp\":\"2026-11-25T10:30:00.000Z\"}";
    }

    private static WatchSocket.Message message(String json) {
        var node = AdminJson.parse(json);
        return new WatchSocket.Message(node.path("type").asText(), node, json);
    }
}
