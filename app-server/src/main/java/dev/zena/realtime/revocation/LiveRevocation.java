package dev.zena.realtime.revocation;

import dev.zena.realtime.access.AccessPolicy;
import dev.zena.realtime.access.Affected;
import dev.zena.realtime.access.ChannelCatalog;
import dev.zena.realtime.access.Dependents;
import dev.zena.realtime.auth.TokenValidator;
import dev.zena.realtime.hub.Connection;
import dev.zena.realtime.hub.Hub;
import dev.zena.realtime.protocol.WireCodec;
import dev.zena.realtime.store.Change;
import dev.zena.realtime.store.Store;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies store changes to live connections (SPEC §4.2), whichever process wrote them: the store's change log
 * (filled by triggers) is polled, the connections the changes may affect are those {@link Dependents} names (the
 * holders of the channels that depend on what changed, and the connections it reaches as such), and each is
 * re-checked on its own lane by {@link AccessRecheck}. A batch too large to read whole, or pruned away before it was
 * read, re-checks every connection. Built once by the server; polled by its ticker thread.
 */
public final class LiveRevocation {

    private static final Logger LOG = LoggerFactory.getLogger(LiveRevocation.class);
    private static final int BATCH = 5_000;

    private final Store store;
    private final Hub hub;
    private final Dependents dependents;
    private final AccessRecheck recheck;
    private long lastSeq;

    /** Called once when the server starts; later changes are those after the store's current last change. */
    public LiveRevocation(
            Store store,
            Hub hub,
            TokenValidator validator,
            AccessPolicy policy,
            ChannelCatalog catalog,
            WireCodec codec,
            Clock clock) {
        this.store = store;
        this.hub = hub;
        this.dependents = new Dependents(store, catalog);
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
        Affected affected = isEverything ? Affected.EVERYONE : dependents.of(changes);
        Set<Connection> connections = affected.isEveryone() ? everyone() : holders(affected);
        LOG.debug("revocation_poll changes={} affected={}", changes.size(), connections.size());
        connections.forEach(c -> c.lane().execute(() -> recheck.run(c)));
    }

    /** The holders of the channels {@code affected} names, and the connections it reaches as such. */
    private Set<Connection> holders(Affected affected) {
        Set<Connection> holders = new LinkedHashSet<>();
        for (Connection c : hub.connections()) {
            if (c.isAuthenticated()
                    && affected.reachesConnectionOf(
                            c.principal().userId(), c.tenantId(), c.principal().jti())) {
                holders.add(c);
            }
        }
        affected.channels().forEach(channel -> holders.addAll(hub.holders(channel)));
        return holders;
    }

    private Set<Connection> everyone() {
        Set<Connection> all = new LinkedHashSet<>();
        hub.connections().stream().filter(Connection::isAuthenticated).forEach(all::add);
        return all;
    }
}
