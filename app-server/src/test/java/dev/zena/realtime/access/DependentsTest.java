package dev.zena.realtime.access;

import static dev.zena.realtime.access.Dependents.ByChannel.NONE;
import static dev.zena.realtime.access.Dependents.ByChannel.SAME_ID;
import static dev.zena.realtime.access.Dependents.ByChannel.TASKS_OF_PROJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.zena.realtime.access.Dependents.ByChannel;
import dev.zena.realtime.access.Dependents.ByConnection;
import dev.zena.realtime.config.ChannelsConfig;
import dev.zena.realtime.config.ConfigLoader;
import dev.zena.realtime.store.Change;
import dev.zena.realtime.store.ChangeKind;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.Stores;
import dev.zena.realtime.sync.Importer;
import dev.zena.realtime.testing.TestServer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which channels and connections depend on a changed entity (SPEC §4.2): the rule as a table over every
 * {@link ChannelKind} × every {@link ChangeKind}, written out here independently of the code, so that a kind added
 * to either enum without a row here fails; and what {@link Dependents#of} names for changes of the fixture's data.
 */
@Timeout(30)
class DependentsTest {

    /** The columns of {@link #BY_NAME}, in this order. */
    private static final List<ChangeKind> COLUMNS = List.of(
            ChangeKind.TENANT,
            ChangeKind.USER,
            ChangeKind.PROJECT,
            ChangeKind.TASK,
            ChangeKind.ROLE,
            ChangeKind.REVOKED,
            ChangeKind.UNKNOWN);

    /** Which channels of each kind a change of each kind reaches by name (ROLE, UNKNOWN: every connection, below). */
    private static final Map<ChannelKind, List<ByChannel>> BY_NAME = Map.of(
            //                                 TENANT   USER     PROJECT           TASK     ROLE  REVOKED  UNKNOWN
            ChannelKind.DASHBOARD, List.of(NONE, SAME_ID, NONE, NONE, NONE, NONE, NONE),
            ChannelKind.ALERTS, List.of(NONE, SAME_ID, NONE, NONE, NONE, NONE, NONE),
            ChannelKind.NOTIFICATIONS, List.of(NONE, SAME_ID, NONE, NONE, NONE, NONE, NONE),
            ChannelKind.METRICS, List.of(SAME_ID, NONE, NONE, NONE, NONE, NONE, NONE),
            ChannelKind.SYSTEM, List.of(SAME_ID, NONE, NONE, NONE, NONE, NONE, NONE),
            ChannelKind.PROJECT, List.of(NONE, NONE, SAME_ID, NONE, NONE, NONE, NONE),
            ChannelKind.TASK, List.of(NONE, NONE, TASKS_OF_PROJECT, SAME_ID, NONE, NONE, NONE));

    /** Which connections a change of each kind reaches as such, whatever they hold. */
    private static final Map<ChangeKind, ByConnection> AS_SUCH = Map.of(
            ChangeKind.TENANT, ByConnection.OF_TENANT,
            ChangeKind.USER, ByConnection.OF_USER,
            ChangeKind.PROJECT, ByConnection.NONE,
            ChangeKind.TASK, ByConnection.NONE,
            ChangeKind.ROLE, ByConnection.EVERYONE,
            ChangeKind.REVOKED, ByConnection.OF_TOKEN,
            ChangeKind.UNKNOWN, ByConnection.EVERYONE);

    static Stream<Arguments> everyPair() {
        return Arrays.stream(ChannelKind.values())
                .flatMap(kind -> Arrays.stream(ChangeKind.values()).map(change -> arguments(kind, change)));
    }

    @ParameterizedTest(name = "{0} × {1}")
    @MethodSource("everyPair")
    void everyChannelKindSaysWhatEveryChangeKindReachesByName(ChannelKind kind, ChangeKind change) {
        assertThat(BY_NAME).as("a row for channel kind %s", kind).containsKey(kind);
        assertThat(COLUMNS).as("a column for change kind %s", change).contains(change);

        assertThat(Dependents.byChannel(kind, change))
                .isEqualTo(BY_NAME.get(kind).get(COLUMNS.indexOf(change)));
    }

    @ParameterizedTest
    @EnumSource(ChangeKind.class)
    void everyChangeKindSaysWhichConnectionsItReachesAsSuch(ChangeKind change) {
        assertThat(AS_SUCH).as("an answer for change kind %s", change).containsKey(change);

        assertThat(Dependents.byConnection(change)).isEqualTo(AS_SUCH.get(change));
    }

    @TempDir
    Path dir;

    Store store;
    Dependents dependents;

    @BeforeEach
    void open() throws Exception {
        store = Stores.open(dir.resolve("zena.db").toString());
        new Importer(store).importDocument(TestServer.resource("fixtures/basic.json"), false);
        dependents =
                new Dependents(store, new ChannelCatalog(ConfigLoader.defaults().channels()));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aProjectChangeReachesItsChannelAndItsTasksChannelsAndNoConnectionAsSuch() {
        Affected affected = dependents.of(List.of(change(ChangeKind.PROJECT, "acme-bridge")));

        assertThat(affected.isEveryone()).isFalse();
        assertThat(affected.channels())
                .containsExactlyInAnyOrder("project.acme-bridge", "task.acme-t2", "task.acme-t3");
        assertThat(affected.userIds()).isEmpty();
        assertThat(affected.tenantIds()).isEmpty();
        assertThat(affected.jtis()).isEmpty();
    }

    @Test
    void aDeletedProjectReachesItsOwnChannelItsTasksComeAsChangesOfTheirOwn() {
        Affected affected = dependents.of(List.of(change(ChangeKind.PROJECT, "gone-project")));

        assertThat(affected.channels()).containsExactly("project.gone-project");
    }

    @Test
    void aTaskChangeReachesItsChannelOnly() {
        Affected affected = dependents.of(List.of(change(ChangeKind.TASK, "acme-t1")));

        assertThat(affected.channels()).containsExactly("task.acme-t1");
        assertThat(affected.reachesConnectionOf("acme-member", "acme", "any-jti"))
                .isFalse();
    }

    @Test
    void aUserChangeReachesTheUsersConnectionsAndItsOwnUserChannels() {
        Affected affected = dependents.of(List.of(change(ChangeKind.USER, "acme-member")));

        assertThat(affected.channels())
                .containsExactlyInAnyOrder("dashboard.acme-member", "alerts.acme-member", "notifications.acme-member");
        assertThat(affected.reachesConnectionOf("acme-member", "acme", null)).isTrue();
        assertThat(affected.reachesConnectionOf("acme-pm", "acme", null)).isFalse();
    }

    @Test
    void aTenantChangeReachesEveryConnectionOfTheTenantAndItsTenantChannels() {
        Affected affected = dependents.of(List.of(change(ChangeKind.TENANT, "acme")));

        assertThat(affected.channels()).containsExactlyInAnyOrder("metrics.acme", "system.acme");
        assertThat(affected.reachesConnectionOf("acme-pm", "acme", null)).isTrue();
        assertThat(affected.reachesConnectionOf("globex-member", "globex", null))
                .isFalse();
    }

    @Test
    void aRevokedJtiReachesTheConnectionsOfThatTokenOnly() {
        Affected affected = dependents.of(List.of(change(ChangeKind.REVOKED, "jti-1")));

        assertThat(affected.channels()).isEmpty();
        assertThat(affected.reachesConnectionOf("acme-pm", "acme", "jti-1")).isTrue();
        assertThat(affected.reachesConnectionOf("acme-pm", "acme", "jti-2")).isFalse();
        assertThat(affected.reachesConnectionOf("acme-pm", "acme", null)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(
            value = ChangeKind.class,
            names = {"ROLE", "UNKNOWN"})
    void aRoleChangeOrAnUnknownOneAnywhereInTheBatchReachesEveryone(ChangeKind kind) {
        Affected affected = dependents.of(List.of(
                change(ChangeKind.TASK, "acme-t1"), change(kind, "member"), change(ChangeKind.USER, "acme-pm")));

        assertThat(affected).isEqualTo(Affected.EVERYONE);
    }

    @Test
    void aBatchReachesWhatAnyOfItsChangesReaches() {
        Affected affected = dependents.of(List.of(
                change(ChangeKind.TASK, "acme-t1"),
                change(ChangeKind.USER, "acme-client"),
                change(ChangeKind.REVOKED, "jti-1")));

        assertThat(affected.channels()).contains("task.acme-t1", "dashboard.acme-client");
        assertThat(affected.userIds()).containsExactly("acme-client");
        assertThat(affected.jtis()).containsExactly("jti-1");
    }

    @Test
    void namesFollowTheConfiguredPatterns() {
        Dependents custom = new Dependents(
                store,
                new ChannelCatalog(new ChannelsConfig(
                        "dash-{user_id}",
                        "alerts-{user_id}",
                        "inbox/{user_id}/all",
                        "m.{tenant_id}",
                        "s.{tenant_id}",
                        "private-project-{project_id}",
                        "private-task-{task_id}")));

        assertThat(custom.of(List.of(change(ChangeKind.PROJECT, "acme-tower"))).channels())
                .containsExactlyInAnyOrder("private-project-acme-tower", "private-task-acme-t1");
        assertThat(custom.of(List.of(change(ChangeKind.USER, "acme-pm"))).channels())
                .containsExactlyInAnyOrder("dash-acme-pm", "alerts-acme-pm", "inbox/acme-pm/all");
    }

    private static Change change(ChangeKind kind, String entityId) {
        return new Change(1, kind, entityId);
    }
}
