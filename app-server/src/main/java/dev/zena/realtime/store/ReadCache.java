package dev.zena.realtime.store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * What one store keeps in memory so that an access decision or a publish reads no database, each value under its own
 * key: the permission matrix and single rows (a tenant, user, project or task by id, present or absent).
 * {@link PostgresStore} has two, one for the matrix and one for rows; {@link SqliteStore} one for both, dropped
 * whenever a reader sees a commit. Values are kept only while they are trusted to be fresh: after {@link #trust}
 * (whoever invalidates is watching: PostgreSQL's change listener is connected and will {@link #invalidate} on every
 * change it sees that may concern them) and until {@link #distrust} (the listener lost its connection: every call
 * reads the database again). An invalidation drops everything; a store's own writes invalidate as soon as they
 * commit, so they are read back at once. At most {@link #MAX_ENTRIES} are kept between two invalidations; beyond
 * that, reads go to the database.
 *
 * <p>A read that started before an invalidation is never kept: every invalidation replaces the state with a new one
 * holding nothing, and a value read under a replaced state is returned to its caller but not kept. Thread-safe,
 * lock-free.
 */
final class ReadCache {

    /** The most values kept between two invalidations. */
    static final int MAX_ENTRIES = 50_000;

    private record State(boolean isTrusted, Map<String, Object> kept) {}

    private final AtomicReference<State> state = new AtomicReference<>(fresh(false));

    /**
     * Called on every read of {@code key}: the kept value, or one read by {@code read} (on the caller's thread,
     * through the pool), kept when nothing invalidated meanwhile and the listener is connected.
     */
    @SuppressWarnings("unchecked")
    <T> T get(String key, Supplier<T> read) {
        State before = state.get();
        Object kept = before.kept().get(key);
        if (kept != null) {
            return (T) kept;
        }
        T value = read.get();
        if (before.isTrusted() && value != null && before.kept().size() < MAX_ENTRIES && state.get() == before) {
            // an invalidation after this check replaces the map: what is put here is dropped with it
            before.kept().putIfAbsent(key, value);
        }
        return value;
    }

    /**
     * Called once when a server starts ({@link Store#preloadUsers}): reads many values in one go and keeps each under
     * its key, as {@link #get} would have kept it, while nothing invalidated since the read began, the listener is
     * connected, and fewer than {@code room} values are kept. Returns how many were kept.
     */
    int keepAll(Supplier<Map<String, ?>> read, int room) {
        State before = state.get();
        if (!before.isTrusted()) {
            return 0;
        }
        Map<String, ?> values = read.get();
        int count = 0;
        for (Map.Entry<String, ?> entry : values.entrySet()) {
            if (state.get() != before || before.kept().size() >= Math.min(room, MAX_ENTRIES)) {
                break;
            }
            // as in get: an invalidation after the check above replaces the map, and this value goes with it
            if (before.kept().putIfAbsent(entry.getKey(), entry.getValue()) == null) {
                count++;
            }
        }
        return state.get() == before ? count : 0;
    }

    /** Called after a change commits (this store's own, or one the listener saw): the next reads go to the database. */
    void invalidate() {
        state.updateAndGet(s -> fresh(s.isTrusted()));
    }

    /** Called by the listener once it listens and has its starting point: values read from now on are kept. */
    void trust() {
        state.set(fresh(true));
    }

    /** Called by the listener when it loses its connection: changes may go unseen, so nothing is kept. */
    void distrust() {
        state.set(fresh(false));
    }

    private static State fresh(boolean isTrusted) {
        return new State(isTrusted, new ConcurrentHashMap<>());
    }
}
