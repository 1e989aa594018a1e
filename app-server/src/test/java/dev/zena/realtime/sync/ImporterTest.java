package dev.zena.realtime.sync;

import static dev.zena.realtime.sync.ImportFixtures.BASE;
import static dev.zena.realtime.sync.ImportFixtures.json;
import static dev.zena.realtime.sync.ImportFixtures.load;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zena.realtime.store.Permission;
import dev.zena.realtime.store.PermissionMatrix;
import dev.zena.realtime.store.Project;
import dev.zena.realtime.store.Role;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.Stores;
import dev.zena.realtime.store.Task;
import dev.zena.realtime.store.Tenant;
import dev.zena.realtime.store.User;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class ImporterTest {
    private static final Instant NOW = Instant.parse("2026-05-01T00:00:00Z");

    @TempDir
    Path dir;

    private Store store;
    private Importer importer;

    @BeforeEach
    void open() {
        store = Stores.open(dir.resolve("zena.db").toString(), Clock.fixed(NOW, ZoneOffset.UTC));
        importer = new Importer(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aGoodDocumentIsStoredAndCounted() throws Exception {
        ImportReport report = load(store, BASE);

        assertThat(report.toMap())
                .containsEntry("tenants", 2)
                .containsEntry("users", 2)
                .containsEntry("projects", 2)
                .containsEntry("tasks", 2)
                .containsEntry("roles", 0)
                .containsEntry("deleted_users", 0)
                .containsEntry("revoked", 0);
        assertThat(store.tenant("acme")).contains(new Tenant("acme", "Acme"));
        assertThat(store.user("b1")).contains(new User("b1", "beta", "Bob", "bob@beta.test", Role.CLIENT, true, null));
        assertThat(store.project("p1")).contains(new Project("p1", "acme", "Tower", List.of("u1")));
        assertThat(store.task("bt1")).contains(new Task("bt1", "beta", "bp1", "Weld", "open", null));
    }

    @Test
    void referencesMayPointToStoredEntitiesAndUpsertsKeepTokensValidAfter() throws Exception {
        load(store, BASE);
        store.setTokensValidAfter("u1", NOW);

        load(store, """
                {'users': [{'id': 'u1', 'tenant_id': 'acme', 'name': 'Ann B', 'email': 'a@acme.test',
                            'role': 'project_manager', 'is_active': false}],
                 'tasks': [{'id': 't2', 'tenant_id': 'acme', 'project_id': 'p1', 'title': 'Cure', 'status': 'x',
                            'assignee_id': 'u1'}]}
                """);

        User u1 = store.user("u1").orElseThrow();
        assertThat(u1.tokensValidAfter()).isEqualTo(NOW);
        assertThat(u1.role()).isEqualTo(Role.PROJECT_MANAGER);
        assertThat(u1.isActive()).isFalse();
        assertThat(store.task("t2").orElseThrow().assigneeId()).isEqualTo("u1");
    }

    @Test
    void syncExtrasDeleteAndRevoke() throws Exception {
        load(store, BASE);

        ImportReport report = load(store, """
                {'deleted': {'users': ['u1', 'never-existed'], 'tasks': ['bt1'], 'projects': []},
                 'revoked_jtis': [{'jti': 'j1', 'exp': '2026-05-01T01:00:00Z'}, {'jti': 'j2', 'exp': %d},
                                  {'jti': 'j3', 'exp': '2026-04-30T00:00:00+02:00'}]}
                """.formatted(NOW.getEpochSecond() + 60));

        assertThat(report.deletedUsers()).isEqualTo(1);
        assertThat(report.deletedTasks()).isEqualTo(1);
        assertThat(report.revoked()).isEqualTo(3);
        assertThat(store.user("u1")).isEmpty();
        assertThat(store.task("t1").orElseThrow().assigneeId()).isNull();
        assertThat(store.isRevoked("j1")).isTrue();
        assertThat(store.isRevoked("j2")).isTrue();
        assertThat(store.isRevoked("j3")).isFalse();
    }

    @Test
    void listedRolesGetExactlyTheirSetAndOthersKeepTheirs() throws Exception {
        ImportReport report = load(store, "{'role_permissions': {'client': ['dashboard.view'], 'admin': []}}");

        PermissionMatrix matrix = store.permissions();
        assertThat(report.roles()).isEqualTo(2);
        assertThat(matrix.of(Role.CLIENT)).containsExactly(Permission.DASHBOARD_VIEW);
        assertThat(matrix.of(Role.ADMIN)).containsExactly(Permission.ADMIN_ACCESS);
        assertThat(matrix.of(Role.MEMBER)).isEqualTo(PermissionMatrix.DEFAULT.of(Role.MEMBER));
    }

    @Test
    void replaceDeletesWhatTheDocumentLacks() throws Exception {
        load(store, BASE);

        ImportReport report = importer.importDocument(json("""
                {'tenants': [{'id': 'acme', 'name': 'Acme'}],
                 'users': [{'id': 'u1', 'tenant_id': 'acme', 'name': 'Ann', 'email': 'ann@acme.test', 'role': 'member'}],
                 'projects': [{'id': 'p1', 'tenant_id': 'acme', 'name': 'Tower'}]}
                """), true);

        assertThat(report.toMap())
                .containsEntry("deleted_tenants", 1)
                .containsEntry("deleted_users", 1)
                .containsEntry("deleted_projects", 1)
                .containsEntry("deleted_tasks", 2);
        assertThat(store.tenants()).extracting(Tenant::id).containsExactly("acme");
        assertThat(store.allUsers()).extracting(User::id).containsExactly("u1");
        assertThat(store.project("p1").orElseThrow().members()).isEmpty();
        assertThat(store.tasks("acme")).isEmpty();
        assertThat(store.permissions()).isEqualTo(PermissionMatrix.DEFAULT);
    }

    @Test
    void importingTheSameDocumentAgainRecordsNoChange() throws Exception {
        load(store, BASE);
        long seq = store.lastChangeSeq();

        load(store, BASE);
        importer.importDocument(json(BASE), true);

        assertThat(store.lastChangeSeq()).isEqualTo(seq);
    }

    @Test
    void anEmptyObjectIsAValidDocumentThatChangesNothing() throws Exception {
        ImportReport report = load(store, "{}");

        assertThat(report.toMap().values()).containsOnly(0);
    }
}
