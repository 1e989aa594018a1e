package dev.zena.realtime.server;

import dev.zena.realtime.access.AccessPolicy;
import dev.zena.realtime.access.ChannelCatalog;
import dev.zena.realtime.hub.Connection;
import dev.zena.realtime.hub.Hub;
import dev.zena.realtime.protocol.WireCodec;
import dev.zena.realtime.store.Change;
import dev.zena.realtime.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Applies store changes to live connections (SPEC §4.2), whichever process wrote them: the store's change log
 * (filled by triggers) is polled, the connections a change may affect are found, and each is re-checked on its
 * own lane by {@link AccessRecheck}. Called by the server's ticker thread.
 */
final class LiveRevocation {

    private static final Logger LOG = LoggerFactory.getLogger(LiveRevocation.class);
    private static final int BATCH = 5_000;

    private final Store store;
    private final Hub hub;
    private final AccessRecheck recheck;
    private long lastSeq;

    LiveRevocation(Store store, Hub hub, AccessPolicy policy, ChannelCatalog catalog, WireCodec codec,
                   Clock clock) {
        this.store = store;
        this.hub = hub;
        this.recheck = new AccessRecheck(store, hub, policy, catalog, codec, clock);
        this.lastSeq = store.lastChangeSeq();
    }

    /** Called every tick: re-checks the connections touched by changes recorded since the last call. */
    void poll() {
        long latest = store.lastChangeSeq();
        if (latest == lastSeq) {
            return;
        }
        List<Change> changes = store.changesSince(lastSeq, BATCH);
        boolean isEverything = changes.size() >= BATCH || changes.isEmpty();
        lastSeq = isEverything ? latest : changes.get(changes.size() - 1).seq();
        Set<Connection> affected = new LinkedHashSet<>();
        Collection<Connection> live = hub.connections();
        for (Change change : isEverything ? List.<Change>of() : changes) {
            live.stream().filter(Connection::isAuthenticated).filter(touchedBy(change)).forEach(affected::add);
        }
        if (isEverything) {
            live.stream().filter(Connection::isAuthenticated).forEach(affected::add);
        }
        LOG.debug("revocation_poll changes={} affected={}", changes.size(), affected.size());
        affected.forEach(c -> c.lane().execute(() -> recheck.run(c)));
    }

    private static Predicate<Connection> touchedBy(Change change) {
        String id = change.entityId();
        return switch (change.kind()) {
            case "user" -> c -> id.equals(c.principal().userId());
            case "revoked" -> c -> id.equals(c.principal().jti());
            case "tenant" -> c -> id.equals(c.tenantId());
            case "project", "task" -> LiveRevocation::holdsProjectOrTask;
            default -> c -> true; // role changes and anything new: re-check everyone
        };
    }

    private static boolean holdsProjectOrTask(Connection connection) {
        // A project or task change can move membership or assignment; re-check holders of such channels.
        return !connection.channels().isEmpty();
    }
}
