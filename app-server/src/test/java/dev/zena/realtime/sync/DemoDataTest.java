package dev.zena.realtime.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zena.realtime.store.Project;
import dev.zena.realtime.store.Role;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.Stores;
import dev.zena.realtime.store.Task;
import dev.zena.realtime.store.Tenant;
import dev.zena.realtime.store.User;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class DemoDataTest {
    @TempDir
    Path dir;

    private Store store;

    @BeforeEach
    void open() {
        store = Stores.open(dir.resolve("zena.db").toString());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void loadsIntoAnEmptyStoreOnlyOnce() {
        assertThat(DemoData.loadIfEmpty(store)).isTrue();
        StoreSnapshot loaded = StoreSnapshot.of(store);

        assertThat(DemoData.loadIfEmpty(store)).isFalse();

        assertThat(StoreSnapshot.of(store)).isEqualTo(loaded);
    }

    @Test
    void holdsEveryRoleAnInactiveUserAndBothShapesOfProjectsAndTasksPerTenant() {
        DemoData.loadIfEmpty(store);

        assertThat(store.tenants()).extracting(Tenant::id).containsExactly("acme", "globex");
        for (Tenant tenant : store.tenants()) {
            List<User> users = store.users(tenant.id());
            assertThat(users).extracting(User::role).contains(Role.values());
            assertThat(users).anyMatch(user -> !user.isActive());
            assertThat(store.projects(tenant.id()))
                    .anyMatch(p -> p.members().isEmpty())
                    .anyMatch(p -> !p.members().isEmpty());
            assertThat(store.tasks(tenant.id()))
                    .anyMatch(t -> t.assigneeId() == null)
                    .anyMatch(t -> t.assigneeId() != null);
        }
        assertThat(store.user("acme-admin").orElseThrow().role()).isEqualTo(Role.ADMIN);
        assertThat(store.project("acme-tower"))
                .map(Project::members)
                .hasValueSatisfying(m -> assertThat(m).contains("acme-client"));
        assertThat(store.task("acme-t1")).map(Task::projectId).contains("acme-tower");
    }

    @Test
    void reimportingItWithReplaceIsValidAndChangesNothing() throws Exception {
        DemoData.loadIfEmpty(store);
        long seq = store.lastChangeSeq();

        ImportReport report = new Importer(store).importDocument(DemoData.document(), true);

        assertThat(report.users()).isEqualTo(12);
        assertThat(report.deletedUsers()).isZero();
        assertThat(store.lastChangeSeq()).isEqualTo(seq);
    }
}
