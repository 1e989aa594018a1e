package dev.zena.realtime.store;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The permission matrix of one {@link PostgresStore}, kept in memory so that an access decision reads no network.
 * A matrix is kept only while it is trusted to be fresh: after {@link #trust} (the change listener is connected
 * and will {@link #invalidate} on every role change it sees) and until {@link #distrust} (the listener lost its
 * connection: every call reads the database again). This store's own role writes invalidate it as soon as they
 * commit, so they are read back at once.
 *
 * <p>A read that started before an invalidation is never kept: each state carries a generation, every
 * invalidation starts a new one, and a matrix read under an old generation is returned to its caller but not
 * cached. Thread-safe, lock-free.
 */
final class MatrixCache {

    private record State(long generation, boolean isTrusted, PermissionMatrix matrix) {}

    private final AtomicReference<State> state = new AtomicReference<>(new State(0, false, null));

    /**
     * Called on every access decision: the kept matrix, or one read by {@code read} (on the caller's thread,
     * through the pool), kept when nothing invalidated meanwhile and the listener is connected.
     */
    PermissionMatrix get(Supplier<PermissionMatrix> read) {
        State before = state.get();
        if (before.matrix() != null) {
            return before.matrix();
        }
        PermissionMatrix matrix = read.get();
        if (before.isTrusted()) {
            state.compareAndSet(before, new State(before.generation(), true, matrix));
        }
        return matrix;
    }

    /** Called after a role change commits (this store's own, or one the listener saw): the next get reads. */
    void invalidate() {
        state.updateAndGet(s -> new State(s.generation() + 1, s.isTrusted(), null));
    }

    /** Called by the listener once it listens and has its starting point: matrices read from now on are kept. */
    void trust() {
        state.updateAndGet(s -> new State(s.generation() + 1, true, null));
    }

    /** Called by the listener when it loses its connection: role changes may go unseen, so nothing is kept. */
    void distrust() {
        state.updateAndGet(s -> new State(s.generation() + 1, false, null));
    }
}
