package dev.zena.realtime.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zena.realtime.store.Permission;
import dev.zena.realtime.store.PermissionMatrix;
import dev.zena.realtime.store.Role;
import dev.zena.realtime.store.SqliteStore;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.User;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * "May this user do X" for actions, per role of SPEC §4.3 against a real store: task writes, the reach of the admin
 * API and of the metrics endpoints, acting as another user; and a matrix change applies at the next question.
 */
@Timeout(30)
class ActionsTest {

    @TempDir
    Path dir;

    Store store;
    Actions actions;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("zena.db").toString());
        actions = new Actions(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @ParameterizedTest
    @CsvSource({
        // role,           tasks, admin reach,  metrics reach, scrape
        "SUPER_ADMIN,      true,  EVERY_TENANT, EVERY_TENANT,  true",
        "ADMIN,            true,  OWN_TENANT,   OWN_TENANT,    false",
        "PROJECT_MANAGER,  true,  NONE,         NONE,          false",
        "MEMBER,           true,  NONE,         NONE,          false",
        "CLIENT,           false, NONE,         NONE,          false"
    })
    void eachRoleMayDoWhatTheDefaultMatrixGrants(
            Role role, boolean mayWriteTasks, Reach admin, Reach metrics, boolean mayScrape) {
        User caller = user(role);
        assertThat(actions.mayCreateTask(caller)).as("tasks.create").isEqualTo(mayWriteTasks);
        assertThat(actions.mayUpdateTask(caller)).as("tasks.update").isEqualTo(mayWriteTasks);
        assertThat(actions.adminReach(caller)).as("admin API").isEqualTo(admin);
        assertThat(actions.metricsReach(caller)).as("metrics JSON").isEqualTo(metrics);
        assertThat(actions.mayScrapeMetrics(caller)).as("Prometheus").isEqualTo(mayScrape);
    }

    @Test
    void aMatrixChangeAppliesAtTheNextQuestion() {
        User member = user(Role.MEMBER);
        assertThat(actions.mayCreateTask(member)).isTrue();
        Set<Permission> withoutCreate = EnumSet.copyOf(PermissionMatrix.DEFAULT.of(Role.MEMBER));
        withoutCreate.remove(Permission.TASKS_CREATE);
        store.savePermissions(store.permissions().withRole(Role.MEMBER, withoutCreate));
        assertThat(actions.mayCreateTask(member)).isFalse();
        assertThat(actions.mayUpdateTask(member)).isTrue();
    }

    @Test
    void aUserMayActOnlyAsARoleWhosePermissionsItAllHolds() {
        assertThat(actions.lacksToActAs(user(Role.ADMIN), user(Role.MEMBER))).isEmpty();
        assertThat(actions.lacksToActAs(user(Role.ADMIN), user(Role.SUPER_ADMIN)))
                .containsExactly(Permission.ADMIN_GLOBAL);
        assertThat(actions.lacksToActAs(user(Role.MEMBER), user(Role.PROJECT_MANAGER)))
                .containsExactlyInAnyOrder(Permission.PROJECTS_CREATE, Permission.PROJECTS_UPDATE);
        assertThat(actions.lacksToActAs(user(Role.SUPER_ADMIN), user(Role.ADMIN)))
                .isEmpty();
    }

    private static User user(Role role) {
        return new User("u-" + role.wireName(), "t1", "User", "u@example.test", role, true, null);
    }
}
