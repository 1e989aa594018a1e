package dev.zena.realtime.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zena.realtime.config.ConfigLoader;
import dev.zena.realtime.contract.ContractFixture;
import dev.zena.realtime.contract.ContractFixture.FixtureUser;
import dev.zena.realtime.protocol.ErrorCode;
import dev.zena.realtime.store.Permission;
import dev.zena.realtime.store.Role;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.Stores;
import dev.zena.realtime.sync.Importer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The access decision and its explanation (SPEC §4.2) against a real SQLite store: checks in the order
 * authentication → exists → tenant → identity (user channels) → permission → membership (clients), each with the
 * fact it looked at, stopping at the first failure; and store changes (matrix, role, membership) apply at once.
 */
@Timeout(30)
class AccessPolicyTest {

    private static final List<String> ORDER =
            List.of("authentication", "exists", "tenant", "identity", "permission", "membership");

    @TempDir
    Path dir;

    Store store;
    ContractFixture fixture;
    AccessPolicy policy;

    @BeforeEach
    void open() {
        store = Stores.open(dir.resolve("zena.db").toString());
        fixture = ContractFixture.generate(3).loadInto(store);
        policy = new AccessPolicy(
                store, new ChannelCatalog(ConfigLoader.defaults().channels()));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aGrantedClientTaskReadPassesEveryCheckIncludingMembership() {
        Decision decision = policy.explain("ten0-client", "task.ten0-t3");
        assertThat(decision.status()).isEqualTo(200);
        assertThat(decision.isGranted()).isTrue();
        assertThat(names(decision)).containsExactly("authentication", "exists", "tenant", "permission", "membership");
        assertThat(decision.checks()).allMatch(Check::passed);
        assertThat(decision.checks().get(0).detail())
                .contains("ten0-client")
                .contains("client")
                .contains("ten0");
        assertThat(decision.checks().get(3).detail()).contains("tasks.view");
    }

    @Test
    void aUserChannelChecksIdentityBetweenTenantAndPermission() {
        Decision own = policy.explain("ten0-member", "notifications.ten0-member");
        assertThat(names(own)).containsExactly("authentication", "exists", "tenant", "identity", "permission");
        assertThat(own.isGranted()).isTrue();
        Decision other = policy.explain("ten0-member", "dashboard.ten0-pm");
        assertThat(names(other)).containsExactly("authentication", "exists", "tenant", "identity");
        assertThat(other.status()).isEqualTo(403);
        assertThat(last(other).passed()).isFalse();
        assertThat(last(other).detail()).contains("ten0-pm");
    }

    @Test
    void membershipIsCheckedForClientsOnly() {
        assertThat(names(policy.explain("ten0-pm", "project.ten0-p2")))
                .containsExactly("authentication", "exists", "tenant", "permission");
        Decision client = policy.explain("ten0-client", "project.ten0-p2");
        assertThat(names(client)).containsExactly("authentication", "exists", "tenant", "permission", "membership");
        assertThat(client.status()).isEqualTo(403);
        assertThat(client.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(last(client).detail()).contains("ten0-client").contains("ten0-p2");
    }

    @Test
    void eachFailureStopsTheExplanationWithItsStatus() {
        assertFailsAt(policy.explain("nobody", "task.ten0-t1"), "authentication", 401);
        assertFailsAt(policy.explain("ten0-gone", "dashboard.ten0-gone"), "authentication", 401);
        assertFailsAt(policy.explain("ten0-admin", "task.missing"), "exists", 404);
        assertFailsAt(policy.explain("ten0-super", "project.ten1-p1"), "tenant", 403);
        assertFailsAt(policy.explain("ten0-admin", "alerts.ten0-member"), "identity", 403);
        assertFailsAt(policy.explain("ten0-pm", "system.ten0"), "permission", 403);
        assertFailsAt(policy.explain("ten0-client2", "task.ten0-t1"), "membership", 403);
        assertThat(last(policy.explain("ten0-gone", "dashboard.ten0-gone")).detail())
                .contains("disabled");
        assertThat(last(policy.explain("ten0-super", "project.ten1-p1")).detail())
                .contains("ten0")
                .contains("ten1");
        assertThat(last(policy.explain("ten0-pm", "system.ten0")).detail()).contains("tenants.view");
    }

    @Test
    void aNameMatchingNoPatternIs400() {
        Decision decision = policy.explain("ten0-admin", "weather.ten0");
        assertThat(decision.status()).isEqualTo(400);
        assertThat(decision.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(decision.isGranted()).isFalse();
    }

    /** Over every user and every channel of the generated fixture: the shape of every explanation. */
    @Test
    void everyExplanationFollowsTheOrderAndStopsAtItsOnlyFailure() {
        List<String> channels = new ArrayList<>();
        for (ChannelKind kind : ChannelKind.values()) {
            fixture.allIds().forEach(id -> channels.add(kind.name().toLowerCase(java.util.Locale.ROOT) + "." + id));
        }
        int explained = 0;
        for (FixtureUser user : fixture.users()) {
            for (String channel : channels) {
                Decision decision = policy.explain(user.id(), channel);
                List<String> names = names(decision);
                assertThat(names)
                        .as("%s on %s", user.id(), channel)
                        .isSubsetOf(ORDER)
                        .isSortedAccordingTo((a, b) -> ORDER.indexOf(a) - ORDER.indexOf(b))
                        .doesNotHaveDuplicates();
                List<Check> failed =
                        decision.checks().stream().filter(c -> !c.passed()).toList();
                assertThat(failed).as("%s on %s", user.id(), channel).hasSizeLessThanOrEqualTo(1);
                assertThat(decision.isGranted()).isEqualTo(failed.isEmpty());
                if (!failed.isEmpty()) {
                    assertThat(last(decision)).isEqualTo(failed.get(0));
                    int expected = switch (failed.get(0).check()) {
                        case "authentication" -> 401;
                        case "exists" -> 404;
                        default -> 403;
                    };
                    assertThat(decision.status())
                            .as("%s on %s", user.id(), channel)
                            .isEqualTo(expected);
                } else {
                    assertThat(names).contains("authentication", "exists", "tenant", "permission");
                }
                assertThat(decision.checks())
                        .allSatisfy(c -> assertThat(c.detail()).isNotBlank());
                explained++;
            }
        }
        assertThat(explained).isGreaterThan(7000);
    }

    @Test
    void aPermissionEditChangesTheDecisionAtOnce() {
        assertThat(policy.explain("ten0-member", "metrics.ten0").status()).isEqualTo(200);
        Set<Permission> withoutAnalytics = EnumSet.copyOf(store.permissions().of(Role.MEMBER));
        withoutAnalytics.remove(Permission.ANALYTICS_VIEW);
        store.savePermissions(store.permissions().withRole(Role.MEMBER, withoutAnalytics));
        Decision denied = policy.explain("ten0-member", "metrics.ten0");
        assertFailsAt(denied, "permission", 403);
        assertThat(last(denied).detail()).contains("member").contains("analytics.view");

        assertThat(policy.explain("ten0-client", "metrics.ten0").status()).isEqualTo(403);
        Set<Permission> clientPlus = EnumSet.copyOf(store.permissions().of(Role.CLIENT));
        clientPlus.add(Permission.ANALYTICS_VIEW);
        store.savePermissions(store.permissions().withRole(Role.CLIENT, clientPlus));
        assertThat(policy.explain("ten0-client", "metrics.ten0").status()).isEqualTo(200);
    }

    @Test
    void roleAndMembershipChangesApplyAtOnce() throws Exception {
        assertThat(policy.explain("ten0-pm", "project.ten0-p2").status()).isEqualTo(200);
        assertThat(policy.explain("ten0-client", "project.ten0-p1").status()).isEqualTo(200);
        String document = """
                {"users": [{"id": "ten0-pm", "tenant_id": "ten0", "name": "Demoted", "email": "pm@example.test",
                            "role": "client", "is_active": true}],
                 "projects": [{"id": "ten0-p1", "tenant_id": "ten0", "name": "Project ten0-p1",
                               "members": ["ten0-member"]}]}
                """;
        new Importer(store).importDocument(document.getBytes(StandardCharsets.UTF_8), false);
        assertFailsAt(policy.explain("ten0-pm", "project.ten0-p2"), "membership", 403);
        assertFailsAt(policy.explain("ten0-client", "project.ten0-p1"), "membership", 403);
        // Still the assignee of t3: the task stays readable although the project no longer is.
        assertThat(policy.explain("ten0-client", "task.ten0-t3").status()).isEqualTo(200);
    }

    @Test
    void decideOnTheStoreRecordAgreesWithExplain() {
        ChannelCatalog catalog = new ChannelCatalog(ConfigLoader.defaults().channels());
        for (String channel : List.of("task.ten0-t1", "project.ten1-p1", "system.ten0", "dashboard.missing")) {
            Channel parsed = catalog.parse(channel).orElseThrow();
            for (String user : List.of("ten0-admin", "ten0-client", "ten1-pm")) {
                assertThat(policy.decide(store.user(user).orElseThrow(), parsed))
                        .isEqualTo(policy.explain(user, channel));
            }
            assertThat(policy.decide(null, parsed).status()).isEqualTo(401);
        }
    }

    private static void assertFailsAt(Decision decision, String check, int status) {
        assertThat(decision.status()).as("%s", decision).isEqualTo(status);
        assertThat(last(decision).check()).as("%s", decision).isEqualTo(check);
        assertThat(last(decision).passed()).isFalse();
        assertThat(decision.checks().subList(0, decision.checks().size() - 1)).allMatch(Check::passed);
    }

    private static List<String> names(Decision decision) {
        return decision.checks().stream().map(Check::check).toList();
    }

    private static Check last(Decision decision) {
        return decision.checks().get(decision.checks().size() - 1);
    }
}
