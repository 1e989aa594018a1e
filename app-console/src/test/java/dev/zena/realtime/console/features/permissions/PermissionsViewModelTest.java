package dev.zena.realtime.console.features.permissions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zena.realtime.console.FakeAdminClient;
import dev.zena.realtime.console.client.ChannelKind;
import dev.zena.realtime.console.client.ChannelPatterns;
import dev.zena.realtime.console.client.FeedEvent;
import dev.zena.realtime.console.client.PermissionVerdict;
import dev.zena.realtime.console.client.RoleMatrix;
import dev.zena.realtime.console.directory.Directory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PermissionsViewModelTest {

    private final FakeAdminClient client = new FakeAdminClient();
    private final Directory directory = new Directory(client, Runnable::run);
    private final PermissionsViewModel vm = new PermissionsViewModel(client, directory, Runnable::run);
    private final RoleMatrixViewModel matrix = new RoleMatrixViewModel(client, Runnable::run);

    @Test
    void aDenialShowsStatusCodeAndTheChecksInOrder() {
        client.verdict = new PermissionVerdict(
                "acme-client",
                "project.acme-tower",
                403,
                "FORBIDDEN",
                false,
                List.of(
                        new PermissionVerdict.Step("authentication", true, "user is active"),
                        new PermissionVerdict.Step("exists", true, "project exists"),
                        new PermissionVerdict.Step("tenant", true, "same tenant"),
                        new PermissionVerdict.Step("permission", true, "projects.view"),
                        new PermissionVerdict.Step("membership", false, "not a member")));
        vm.check();
        assertThat(vm.verdictTextProperty().get()).startsWith("DENIED (403 FORBIDDEN)");
        assertThat(vm.checks())
                .extracting(PermissionVerdict.Step::check)
                .containsExactly("authentication", "exists", "tenant", "permission", "membership");
    }

    @Test
    void aGrantSaysAllowed() {
        client.verdict = new PermissionVerdict("acme-pm", "project.acme-tower", 200, null, true, List.of());
        vm.userProperty().set("acme-pm");
        vm.check();
        assertThat(vm.verdictTextProperty().get()).startsWith("ALLOWED (200)");
    }

    @Test
    void theChannelFieldStartsWithTheExampleInTheServersPatternUnlessTheUserTypedOne() {
        assertThat(vm.channelProperty().get()).isEqualTo("project.acme-bridge");
        client.patterns = new ChannelPatterns(Map.of(ChannelKind.PROJECT, "p:{project_id}"));
        directory.refresh().join();
        assertThat(vm.channelProperty().get()).isEqualTo("p:acme-bridge");

        vm.channelProperty().set("p:acme-tower");
        client.patterns = new ChannelPatterns(Map.of(ChannelKind.PROJECT, "q:{project_id}"));
        directory.refresh().join();
        assertThat(vm.channelProperty().get()).isEqualTo("p:acme-tower");
    }

    @Test
    void theMatrixIsEditableOnlyForAGlobalScopeAndSavesOnlyChangedRoles() {
        Map<String, Set<String>> roles = new LinkedHashMap<>();
        roles.put("admin", Set.of("dashboard.view", "admin.access"));
        roles.put("client", Set.of("dashboard.view"));
        client.roles = new RoleMatrix(roles, List.of("dashboard.view", "analytics.view", "admin.access"));

        matrix.onFeed(new FeedEvent.Hello("acme"));
        assertThat(matrix.editableProperty().get()).isFalse();
        assertThat(matrix.messageProperty().get()).contains("admin.global");

        matrix.onFeed(new FeedEvent.Hello("*"));
        assertThat(matrix.editableProperty().get()).isTrue();
        assertThat(matrix.isFixed("admin.access")).isTrue();
        assertThat(matrix.dirtyProperty().get()).isFalse();

        matrix.cell("client", "analytics.view").set(true);
        assertThat(matrix.dirtyProperty().get()).isTrue();
        matrix.save();

        assertThat(client.savedRoles).containsOnlyKeys("client");
        assertThat(client.savedRoles.get("client")).containsExactlyInAnyOrder("dashboard.view", "analytics.view");
        assertThat(matrix.messageProperty().get()).contains("Saved client");
    }
}
