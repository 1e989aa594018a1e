package dev.zena.realtime.console.features.send;

import dev.zena.realtime.console.FakeAdminClient;
import dev.zena.realtime.console.MutableClock;
import dev.zena.realtime.console.client.AdminJson;
import dev.zena.realtime.console.client.ChannelKind;
import dev.zena.realtime.console.client.ChannelPatterns;
import dev.zena.realtime.console.client.WatchSocket;
import dev.zena.realtime.console.directory.Directory;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TestClientViewModelTest {

    private final FakeAdminClient client = new FakeAdminClient();
    private final Directory directory = new Directory(client, Runnable::run);
    private final TestClientViewModel vm = new TestClientViewModel(client, directory, Runnable::run,
            new MutableClock(Instant.EPOCH));

    @Test
    void serverMessagesReadAsABrowserWouldSeeThem() {
        assertThat(TestClientViewModel.summarize(message("""
                {"type":"subscription","granted":["project.acme-tower"],
                 "denied":[{"channel":"project.acme-bridge","status":403,"code":"FORBIDDEN","message":"…"}]}""")))
                .isEqualTo("subscription granted: project.acme-tower · denied: project.acme-bridge (403 FORBIDDEN)");
        assertThat(TestClientViewModel.summarize(message("""
                {"type":"event","channel":"task.acme-t1","event":"task.updated","data":{"id":"acme-t1"},"test":true}""")))
                .isEqualTo("event task.updated on task.acme-t1 (test)  {\"id\":\"acme-t1\"}");
        assertThat(TestClientViewModel.summarize(message("""
                {"type":"unsubscription","channels":["project.acme-tower"],"reason":{"code":"FORBIDDEN"}}""")))
                .isEqualTo("unsubscription project.acme-tower — FORBIDDEN");
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

    private static WatchSocket.Message message(String json) {
        var node = AdminJson.parse(json);
        return new WatchSocket.Message(node.path("type").asText(), node, json);
    }
}
