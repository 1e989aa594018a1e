package dev.zena.realtime.revocation;

import dev.zena.realtime.access.AccessPolicy;
import dev.zena.realtime.access.ChannelCatalog;
import dev.zena.realtime.access.ChannelKind;
import dev.zena.realtime.auth.TokenValidator;
import dev.zena.realtime.hub.Connection;
import dev.zena.realtime.hub.Hub;
import dev.zena.realtime.protocol.WireCodec;
import dev.zena.realtime.store.Change;
import dev.zena.realtime.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Applies store changes to live connections (SPEC §4.2), whichever process wrote them: the store's change log
 * (filled by triggers) is polled, the connections a change may affect are found, and each is re-checked on its
 * own lane by {@link AccessRecheck}. Built once by the server; polled by its ticker thread.
 */
public final class LiveRevocation {

    private static final Logger LOG = LoggerFactory.getLogger(LiveRevocation.class);
    private static final int BATCH = 5_000;

    private final Store store;
    private final Hub hub;
    private final ChannelCatalog catalog;
    private final AccessRecheck recheck;
    private long lastSeq;

    /** Called once when the server starts; later changes are those after the store's current last change. */
    public LiveRevocation(Store store, Hub hub, TokenValidator validator, AccessPolicy policy,
                          ChannelCatalog catalog, WireCodec codec, Clock clock) {
        this.store = store;
        this.hub = hub;
        this.catalog = catalog;
        this.recheck = new AccessRecheck(store, hub, validator, policy, catalog, codec, clock);
        this.lastSeq = store.lastChangeSeq();
    }

    /** Called every tick, on the ticker thread: re-checks the connections touched by changes since the last call. */
    public void poll() {
        long latest = store.lastChangeSeq();
        if (latest == lastSeq) {
            return;
        }
        List<Change> changes = store.changesSince(lastSeq, BATCH);
        boolean isEverything = changes.size() >= BATCH || changes.isEmpty();
        lastSeq = isEverything ? latest : changes.get(changes.size() - 1).seq();
        Set<Connection> affected = isEverything ? everyone() : affectedBy(changes);
        LOG.debug("revocation_poll changes={} affected={}", changes.size(), affected.size());
        affected.forEach(c -> c.lane().execute(() -> recheck.run(c)));
    }

    /**
     * Only the connections a change can affect: the user's own (user rows, revoked jtis, tenants), the holders of
     * a changed task's channel, and the holders of a changed project's channel and of its tasks' channels
     * (membership decides a client's access to both). A role change may affect anyone, and so may a change of a
     * kind this build does not know.
     */
    private Set<Connection> affectedBy(List<Change> changes) {
        Set<String> users = new HashSet<>();
        Set<String> jtis = new HashSet<>();
        Set<String> tenants = new HashSet<>();
        Set<String> channels = new HashSet<>();
        for (Change change : changes) {
            // A switch expression, so that a new kind of change does not compile until it is decided here.
            Consumer<String> note = switch (change.kind()) {
                case USER -> users::add;
                case REVOKED -> jtis::add;
                case TENANT -> tenants::add;
                case TASK -> id -> channels.add(catalog.nameOf(ChannelKind.TASK, id));
                case PROJECT -> id -> channels.addAll(projectChannels(id));
                case ROLE, UNKNOWN -> null; // may affect anyone
            };
            if (note == null) {
                return everyone();
            }
            note.accept(change.entityId());
        }
        Set<Connection> affected = new LinkedHashSet<>();
        for (Connection c : hub.connections()) {
            if (c.isAuthenticated() && (users.contains(c.principal().userId()) || tenants.contains(c.tenantId())
                    || (c.principal().jti() != null && jtis.contains(c.principal().jti())))) {
                affected.add(c);
            }
        }
        channels.forEach(channel -> affected.addAll(hub.holders(channel)));
        return affected;
    }

    private List<String> projectChannels(String projectId) {
        List<String> names = new ArrayList<>();
        names.add(catalog.nameOf(ChannelKind.PROJECT, projectId));
        // A deleted project's tasks were deleted with it and appear in the log as task changes of their own.
        store.project(projectId).ifPresent(project -> store.tasks(project.tenantId()).stream()
                .filter(task -> task.projectId().equals(projectId))
                .forEach(task -> names.add(catalog.nameOf(ChannelKind.TASK, task.id()))));
        return names;
    }

    private Set<Connection> everyone() {
        Set<Connection> all = new LinkedHashSet<>();
        hub.connections().stream().filter(Connection::isAuthenticated).forEach(all::add);
        return all;
    }
}
