package dev.zena.realtime.sync;

import dev.zena.realtime.store.Store;
import java.nio.charset.StandardCharsets;

/** Import documents for tests, written with single quotes for readability. */
final class ImportFixtures {
    /**
     * Tenants acme (user u1 member, project p1 with u1, task t1) and beta (user b1 client, project bp1 with b1,
     * task bt1).
     */
    static final String BASE = """
            {'tenants': [{'id': 'acme', 'name': 'Acme'}, {'id': 'beta', 'name': 'Beta'}],
             'users': [{'id': 'u1', 'tenant_id': 'acme', 'name': 'Ann', 'email': 'ann@acme.test', 'role': 'member'},
                       {'id': 'b1', 'tenant_id': 'beta', 'name': 'Bob', 'email': 'bob@beta.test', 'role': 'client'}],
             'projects': [{'id': 'p1', 'tenant_id': 'acme', 'name': 'Tower', 'members': ['u1']},
                          {'id': 'bp1', 'tenant_id': 'beta', 'name': 'Bridge', 'members': ['b1']}],
             'tasks': [{'id': 't1', 'tenant_id': 'acme', 'project_id': 'p1', 'title': 'Pour', 'status': 'open',
                        'assignee_id': 'u1'},
                       {'id': 'bt1', 'tenant_id': 'beta', 'project_id': 'bp1', 'title': 'Weld', 'status': 'open'}]}
            """;

    private ImportFixtures() {}

    static byte[] json(String singleQuoted) {
        return singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    static ImportReport load(Store store, String singleQuoted) throws ImportException {
        return new Importer(store).importDocument(json(singleQuoted), false);
    }
}
