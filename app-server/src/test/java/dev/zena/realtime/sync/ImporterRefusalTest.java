package dev.zena.realtime.sync;

import static dev.zena.realtime.sync.ImportFixtures.BASE;
import static dev.zena.realtime.sync.ImportFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.Stores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad document is refused, names the offending entry, and leaves the store exactly as it was. */
@Timeout(30)
class ImporterRefusalTest {
    private static final String USER = "'tenant_id': 'acme', 'name': 'Cy', 'email': 'cy@acme.test', 'role': 'member'";
    private static final String TASK = "'tenant_id': 'acme', 'project_id': 'p1', 'title': 'T', 'status': 'open'";

    @TempDir
    Path dir;

    private Store store;

    @BeforeEach
    void open() throws Exception {
        store = Stores.open(dir.resolve("zena.db").toString());
        ImportFixtures.load(store, BASE);
    }

    @AfterEach
    void close() {
        store.close();
    }

    static Stream<Arguments> badDocuments() {
        return Stream.of(
                bad("malformed JSON", "{'tenants': [", "malformed JSON at line 1"),
                bad("malformed JSON, line 3", "{\n'tenants': [\n{'id': 'x',, }]}", "malformed JSON at line 3, column"),
                bad("duplicate key", "{'users': [], 'users': []}", "Duplicate field 'users'"),
                bad("empty document", "", "document: the document is empty"),
                bad("top level not an object", "[]", "document: the top level must be a JSON object, got array"),
                bad("unknown section", "{'user': []}", "user: unknown section \"user\""),
                bad("section not an array", "{'users': {}}", "users: users must be an array, got object"),
                bad("entry not an object", "{'tenants': ['acme']}", "tenants[0]: expected an object, got string"),
                bad(
                        "is_active as string",
                        "{'users': [{'id': 'u2', " + USER + ", 'is_active': 'yes'}]}",
                        "users[0] (id \"u2\"): is_active must be true or false, got string"),
                bad(
                        "members not an array",
                        "{'projects': [{'id': 'p2', 'tenant_id': 'acme', 'name': 'P', " + "'members': 'u1'}]}",
                        "projects[0] (id \"p2\"): members must be an array of ids, got string"),
                bad(
                        "id as number",
                        "{'users': [{'id': 7, " + USER + "}]}",
                        "users[0]: id must be a string, got number"),
                bad(
                        "missing name",
                        "{'users': [{'id': 'u2', 'tenant_id': 'acme', 'email': 'e', 'role': 'member'}]}",
                        "users[0] (id \"u2\"): name is required"),
                bad(
                        "empty name",
                        "{'tenants': [{'id': 'x', 'name': ''}]}",
                        "tenants[0] (id \"x\"): name must not be empty"),
                bad(
                        "missing email",
                        "{'users': [{'id': 'u2', 'tenant_id': 'acme', 'name': 'N', 'role': 'member'}]}",
                        "users[0] (id \"u2\"): email is required"),
                bad("bad id", "{'users': [{'id': 'u 2', " + USER + "}]}", "users[0]: id \"u 2\" is not a valid id"),
                bad(
                        "id too long",
                        "{'tenants': [{'id': '" + "x".repeat(65) + "', 'name': 'X'}]}",
                        "tenants[0]: id \"xxx"),
                bad(
                        "bad reference id",
                        "{'users': [{'id': 'u2', " + USER.replace("'acme'", "'ac/me'") + "}]}",
                        "users[0] (id \"u2\"): tenant_id \"ac/me\" is not a valid id"),
                bad(
                        "same id twice",
                        "{'users': [{'id': 'u2', " + USER + "}, {'id': 'u2', " + USER + "}]}",
                        "users[1] (id \"u2\"): id \"u2\" appears twice (first at users[0])"),
                bad(
                        "unknown tenant",
                        "{'tenants': [{'id': 'new', 'name': 'New'}], 'users': [{'id': 'u9', "
                                + USER.replace("'acme'", "'zz'") + "}]}",
                        "users[0] (id \"u9\"): tenant_id \"zz\" is not a known tenant"),
                bad(
                        "unknown role",
                        "{'users': [{'id': 'u2', " + USER.replace("'member'", "'boss'") + "}]}",
                        "users[0] (id \"u2\"): unknown role \"boss\""),
                bad(
                        "role with wrong case",
                        "{'users': [{'id': 'u2', " + USER.replace("'member'", "'Member'") + "}]}",
                        "unknown role \"Member\""),
                bad(
                        "unknown member",
                        "{'projects': [{'id': 'p2', 'tenant_id': 'acme', 'name': 'P', "
                                + "'members': ['u1', 'ghost']}]}",
                        "projects[0] (id \"p2\"): member \"ghost\" is not a known user"),
                bad(
                        "member twice",
                        "{'projects': [{'id': 'p2', 'tenant_id': 'acme', 'name': 'P', " + "'members': ['u1', 'u1']}]}",
                        "projects[0] (id \"p2\"): members lists \"u1\" twice"),
                bad(
                        "member of another tenant",
                        "{'projects': [{'id': 'p2', 'tenant_id': 'acme', 'name': 'P', " + "'members': ['b1']}]}",
                        "projects[0] (id \"p2\"): member \"b1\" belongs to tenant \"beta\""),
                bad(
                        "unknown project",
                        "{'tasks': [{'id': 't9', " + TASK.replace("'p1'", "'nope'") + "}]}",
                        "tasks[0] (id \"t9\"): project_id \"nope\" is not a known project"),
                bad(
                        "project of another tenant",
                        "{'tasks': [{'id': 't9', " + TASK.replace("'p1'", "'bp1'") + "}]}",
                        "tasks[0] (id \"t9\"): project_id \"bp1\" belongs to tenant \"beta\""),
                bad(
                        "unknown assignee",
                        "{'tasks': [{'id': 't9', " + TASK + ", 'assignee_id': 'ghost'}]}",
                        "tasks[0] (id \"t9\"): assignee_id \"ghost\" is not a known user"),
                bad(
                        "assignee of another tenant",
                        "{'tasks': [{'id': 't9', " + TASK + ", 'assignee_id': 'b1'}]}",
                        "tasks[0] (id \"t9\"): assignee_id \"b1\" belongs to tenant \"beta\""),
                bad(
                        "assignee as number",
                        "{'tasks': [{'id': 't9', " + TASK + ", 'assignee_id': 3}]}",
                        "tasks[0] (id \"t9\"): assignee_id must be a string, got number"),
                bad(
                        "status too long",
                        "{'tasks': [{'id': 't9', " + TASK.replace("'open'", "'" + "s".repeat(33) + "'") + "}]}",
                        "tasks[0] (id \"t9\"): status must have 1..32 characters, got 33"),
                bad(
                        "status empty",
                        "{'tasks': [{'id': 't9', " + TASK.replace("'open'", "''") + "}]}",
                        "tasks[0] (id \"t9\"): status must have 1..32 characters, got 0"),
                bad(
                        "moving a user to another tenant",
                        "{'users': [{'id': 'u1', " + USER.replace("'acme'", "'beta'") + "}]}",
                        "users[0] (id \"u1\"): tenant_id \"beta\" differs from the stored tenant \"acme\""),
                bad(
                        "unknown permission",
                        "{'role_permissions': {'client': ['tasks.view', 'tasks.delete']}}",
                        "role_permissions.client: unknown permission \"tasks.delete\""),
                bad(
                        "unknown role in matrix",
                        "{'role_permissions': {'boss': []}}",
                        "role_permissions.boss: unknown role \"boss\""),
                bad(
                        "permissions not an array",
                        "{'role_permissions': {'client': 'tasks.view'}}",
                        "role_permissions.client: must be an array of permission names, got string"),
                bad(
                        "granting admin.access",
                        "{'role_permissions': {'member': ['admin.access']}}",
                        "role_permissions.member: \"admin.access\" cannot be granted or removed"),
                bad(
                        "listing admin.global",
                        "{'role_permissions': {'super_admin': ['admin.global']}}",
                        "role_permissions.super_admin: \"admin.global\" cannot be granted or removed"),
                bad(
                        "deleted and upserted",
                        "{'users': [{'id': 'u2', " + USER + "}], 'deleted': {'users': ['u2']}}",
                        "deleted.users (id \"u2\"): is also listed in users"),
                bad("unknown deletion kind", "{'deleted': {'tenants': ['acme']}}", "deleted.tenants: unknown kind"),
                bad(
                        "referencing a deleted project",
                        "{'tasks': [{'id': 't9', " + TASK + "}], " + "'deleted': {'projects': ['p1']}}",
                        "tasks[0] (id \"t9\"): project_id \"p1\" is not a known"),
                bad(
                        "bad revocation exp",
                        "{'revoked_jtis': [{'jti': 'j1', 'exp': 'tomorrow'}]}",
                        "revoked_jtis[0] (jti \"j1\"): exp must be an ISO-8601 instant or whole epoch seconds, got \"tomorrow\""),
                bad(
                        "revocation without jti",
                        "{'revoked_jtis': [{'exp': 1700000000}]}",
                        "revoked_jtis[0]: jti is required"));
    }

    private static Arguments bad(String name, String document, String expected) {
        return Arguments.of(name, document, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badDocuments")
    void isRefusedNamingTheEntryAndChangesNothing(String name, String document, String expected) {
        StoreSnapshot before = StoreSnapshot.of(store);

        ImportException refused = catchThrowableOfType(
                ImportException.class, () -> new Importer(store).importDocument(json(document), false));

        assertThat(refused).as(name).isNotNull();
        assertThat(refused.errors()).extracting(ImportError::toString).anyMatch(line -> line.contains(expected));
        assertThat(refused.getMessage()).contains(expected).contains("nothing was changed");
        assertThat(StoreSnapshot.of(store)).isEqualTo(before);
    }

    @Test
    void replaceRefusesReferencesToWhatItWouldDelete() {
        StoreSnapshot before = StoreSnapshot.of(store);
        String document = "{'tenants': [{'id': 'acme', 'name': 'Acme'}], 'users': [{'id': 'u1', " + USER + "}], "
                + "'tasks': [{'id': 't1', " + TASK + "}]}";

        ImportException refused = catchThrowableOfType(
                ImportException.class, () -> new Importer(store).importDocument(json(document), true));

        assertThat(refused.getMessage()).contains("tasks[0] (id \"t1\"): project_id \"p1\" is not a known project");
        assertThat(StoreSnapshot.of(store)).isEqualTo(before);
    }

    @Test
    void everyMistakeIsReportedUpToTheLimit() {
        StringBuilder users = new StringBuilder("{'users': [");
        for (int i = 0; i < 30; i++) {
            users.append(i == 0 ? "" : ", ")
                    .append("{'id': 'x")
                    .append(i)
                    .append("', ")
                    .append(USER.replace("'acme'", "'zz'"))
                    .append('}');
        }
        String document = users.append("]}").toString();

        ImportException refused = catchThrowableOfType(
                ImportException.class, () -> new Importer(store).importDocument(json(document), false));

        assertThat(refused.errors()).hasSize(ImportErrors.LIMIT);
        assertThat(refused.omitted()).isEqualTo(30 - ImportErrors.LIMIT);
        assertThat(refused.errors().get(0).field()).isEqualTo("users[0].tenant_id");
        assertThat(refused.getMessage()).contains("(30 errors)").contains("and 10 more");
    }

    @Test
    void invalidUtf8IsMalformed() {
        byte[] document =
                "{\"tenants\": [{\"id\": \"a\", \"name\": \"\u00e9\"}]}".getBytes(StandardCharsets.ISO_8859_1);

        ImportException refused =
                catchThrowableOfType(ImportException.class, () -> new Importer(store).importDocument(document, false));

        assertThat(refused.getMessage()).contains("malformed JSON");
    }
}
