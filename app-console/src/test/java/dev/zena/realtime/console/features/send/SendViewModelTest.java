package dev.zena.realtime.console.features.send;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zena.realtime.console.FakeAdminClient;
import dev.zena.realtime.console.client.AdminApiException;
import dev.zena.realtime.console.client.ChannelKind;
import dev.zena.realtime.console.client.ChannelPatterns;
import dev.zena.realtime.console.client.ProjectSummary;
import dev.zena.realtime.console.client.TaskSummary;
import dev.zena.realtime.console.directory.Directory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SendViewModelTest {

    private final FakeAdminClient client = new FakeAdminClient();
    private final Directory directory = new Directory(client, Runnable::run);
    private final SendViewModel vm = new SendViewModel(client, directory, Runnable::run);

    @Test
    void invalidJsonIsRefusedBeforeSending() {
        vm.channelProperty().set("project.acme-tower");
        vm.payloadProperty().set("{\"a\": ");
        assertThat(vm.payloadErrorProperty().get()).startsWith("Invalid JSON");
        assertThat(vm.canSendProperty().get()).isFalse();
        vm.payloadProperty().set("[1, 2]");
        assertThat(vm.payloadErrorProperty().get()).contains("JSON object");
        vm.send();
        assertThat(client.sent).isEmpty();
    }

    @Test
    void sendingShowsTheDeliveredCount() {
        client.delivered = 2;
        vm.channelProperty().set(" project.acme-tower ");
        vm.payloadProperty().set("{\"n\": 1}");
        assertThat(vm.canSendProperty().get()).isTrue();

        assertThat(vm.send().join()).isEqualTo(2);

        assertThat(client.sent).singleElement().satisfies(e -> {
            assertThat(e.channel()).isEqualTo("project.acme-tower");
            assertThat(e.event()).isEqualTo("test.ping");
            assertThat(e.data().path("n").asInt()).isEqualTo(1);
        });
        assertThat(vm.resultProperty().get()).startsWith("Delivered to 2 connections");
    }

    @Test
    void toOneConnectionSendsItsId() {
        vm.targetProperty().set(SendTarget.CONNECTION);
        assertThat(vm.canSendProperty().get()).isFalse();
        vm.connectionIdProperty().set("01JD");
        vm.send();
        assertThat(client.sent).singleElement().satisfies(e -> {
            assertThat(e.connectionId()).isEqualTo("01JD");
            assertThat(e.channel()).isNull();
        });
    }

    @Test
    void aRefusalIsShownWithItsCode() {
        client.failure = new AdminApiException(404, "NOT_FOUND", "No such project", "channel");
        vm.channelProperty().set("project.nope");
        vm.send();
        assertThat(vm.resultProperty().get()).isEqualTo("Not sent: 404 NOT_FOUND: No such project (channel)");
    }

    @Test
    void completionOffersChannelsBuiltFromProjectsAndConnections() {
        client.projects.add(new ProjectSummary("acme-tower", "acme", "Tower", List.of("acme-pm")));
        client.connections.add(FakeAdminClient.connection("c1", "acme-admin", "acme", "task.acme-pour"));
        directory.refresh().join();

        assertThat(vm.suggestions("proj")).containsExactly("project.acme-tower");
        assertThat(vm.suggestions("acme-pm")).contains("dashboard.acme-pm", "alerts.acme-pm", "notifications.acme-pm");
        assertThat(vm.suggestions("task")).containsExactly("task.acme-pour");
        assertThat(directory.users()).containsExactly("acme-admin", "acme-pm");
        assertThat(directory.channels()).contains("metrics.acme", "system.acme");
    }

    @Test
    void completionAndTheHintFollowTheServersPatterns() {
        client.patterns = new ChannelPatterns(Map.of(
                ChannelKind.PROJECT,
                "proj-{project_id}.live",
                ChannelKind.DASHBOARD,
                "home.{user_id}",
                ChannelKind.METRICS,
                "{tenant_id}.metrics"));
        client.projects.add(new ProjectSummary("acme-tower", "acme", "Tower", List.of("acme-pm")));
        client.tasks.add(new TaskSummary("acme-t1", "acme", "acme-tower", "Pour", null));
        assertThat(vm.channelPromptProperty().get()).isEqualTo("e.g. project.acme-tower — type for suggestions");

        directory.refresh().join();

        assertThat(directory.channels())
                .containsExactlyInAnyOrder(
                        "proj-acme-tower.live",
                        "task.acme-t1",
                        "home.acme-pm",
                        "alerts.acme-pm",
                        "notifications.acme-pm",
                        "acme.metrics",
                        "system.acme");
        assertThat(vm.suggestions("home")).containsExactly("home.acme-pm");
        assertThat(vm.channelPromptProperty().get()).isEqualTo("e.g. proj-acme-tower.live — type for suggestions");
    }

    @Test
    void aFailedRefreshKeepsThePatternsItHad() {
        ChannelPatterns custom = new ChannelPatterns(Map.of(ChannelKind.PROJECT, "proj-{project_id}.live"));
        client.patterns = custom;
        directory.refresh().join();
        client.failure = new AdminApiException(500, "INTERNAL", "boom", null);
        directory.refresh().join();
        assertThat(directory.patternsProperty().get()).isEqualTo(custom);
        assertThat(vm.channelPromptProperty().get()).isEqualTo("e.g. proj-acme-tower.live — type for suggestions");
    }
}
