package dev.zena.realtime.websocket;

import dev.zena.realtime.auth.Principal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The moments at which a connection must be looked at before its stripe's next pass (ADR 0033): the end of its
 * authentication deadline and its token's expiry. The sweeper takes the due ones at every sweep, so both keep the
 * sweep's own precision while the heartbeat's bookkeeping visits each connection only once per pass. At most two
 * entries per open connection, dropped when it closes. Thread-safe.
 */
final class Deadlines {

    private record Due(long at, long seq, WsLink link) {}

    /** What one link has queued; guarded by its monitor. */
    static final class Scheduled {
        private Due auth;
        private Due expiry;
        /** Set when the link closed: a lane task that runs after it queues nothing more. */
        private boolean isForgotten;
        /** The principal whose expiry is queued (read without the lock first: most frames change nothing). */
        private volatile Principal principal;
    }

    private final ConcurrentSkipListSet<Due> queue =
            new ConcurrentSkipListSet<>(Comparator.comparingLong(Due::at).thenComparingLong(Due::seq));
    private final AtomicLong seq = new AtomicLong();

    /** Called when {@code link} opened: its authentication deadline ends at {@code at} (epoch millis). */
    void authDeadline(WsLink link, long at) {
        Scheduled scheduled = link.scheduled();
        synchronized (scheduled) {
            if (!scheduled.isForgotten) {
                scheduled.auth = replace(scheduled.auth, link, at);
            }
        }
    }

    /** Called after the connection's lane ran: queues the expiry of {@code principal} if it is new. */
    void principalSeen(WsLink link, Principal principal) {
        Scheduled scheduled = link.scheduled();
        if (principal == null || principal == scheduled.principal) {
            return;
        }
        synchronized (scheduled) {
            if (!scheduled.isForgotten && principal != scheduled.principal) {
                scheduled.principal = principal;
                scheduled.expiry =
                        replace(scheduled.expiry, link, principal.expiresAt().toEpochMilli());
            }
        }
    }

    /** Called when {@code link} closed: nothing of it stays queued. */
    void forget(WsLink link) {
        Scheduled scheduled = link.scheduled();
        synchronized (scheduled) {
            scheduled.isForgotten = true;
            scheduled.auth = replace(scheduled.auth, link, -1);
            scheduled.expiry = replace(scheduled.expiry, link, -1);
        }
    }

    /** Takes out every link with a moment at or before {@code now} (epoch millis), each once. */
    List<WsLink> due(long now) {
        List<WsLink> links = new ArrayList<>();
        for (Due first = firstOrNull(); first != null && first.at() <= now; first = firstOrNull()) {
            if (queue.remove(first)) {
                Scheduled scheduled = first.link().scheduled();
                synchronized (scheduled) {
                    if (scheduled.auth == first) {
                        scheduled.auth = null;
                    }
                    if (scheduled.expiry == first) {
                        scheduled.expiry = null;
                    }
                }
                if (links.isEmpty() || links.get(links.size() - 1) != first.link()) {
                    links.add(first.link());
                }
            }
        }
        return links;
    }

    /** Entries queued (for tests). */
    int size() {
        return queue.size();
    }

    /** Drops {@code old} and queues {@code link} at {@code at} unless it is negative; the caller holds the lock. */
    private Due replace(Due old, WsLink link, long at) {
        if (old != null) {
            queue.remove(old);
        }
        if (at < 0) {
            return null;
        }
        Due due = new Due(at, seq.incrementAndGet(), link);
        queue.add(due);
        return due;
    }

    private Due firstOrNull() {
        Iterator<Due> ascending = queue.iterator(); // first() throws when empty, and the queue is empty most sweeps
        return ascending.hasNext() ? ascending.next() : null;
    }
}
