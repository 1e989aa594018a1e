package dev.zena.realtime.store;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A short-lived memo of single-row reads (a user, a task, a project, a tenant, the permission matrix) so that one
 * connect + authenticate + subscribe does not read the same rows four times. Correctness rules:
 * <ul>
 *   <li>this process's own writes are seen at once: every write of the store calls {@link #invalidate()} before
 *       and after it runs, and a value read while an invalidation happened is not kept;</li>
 *   <li>other processes' writes are seen within a second: the server's change-log poll (every 200 ms) calls
 *       {@link #invalidate()} whenever the log moved, and nothing is kept longer than {@link #TTL_NANOS} anyway.</li>
 * </ul>
 * Whole generations are dropped (no per-entry expiry), so an idle server holds at most one second of reads.
 * Every store opened on the same file in this JVM shares one cache, so a write through any of them (the server's,
 * a command's) is seen at once by all.
 */
final class ReadCache {

    private static final ConcurrentHashMap<String, ReadCache> BY_DATABASE = new ConcurrentHashMap<>();

    /** The cache of the stores on this database (path or URL as given), emptied: called when a store opens. */
    static ReadCache forDatabase(String db) {
        ReadCache cache = BY_DATABASE.computeIfAbsent(db, d -> new ReadCache());
        cache.invalidate();
        return cache;
    }

    static final long TTL_NANOS = 500_000_000L;

    private volatile Generation current = new Generation(System.nanoTime());

    /** The cached value for {@code key}, or what {@code loader} reads (kept unless an invalidation intervened). */
    @SuppressWarnings("unchecked")
    <T> T get(Object key, Supplier<T> loader) {
        Generation generation = live();
        Object cached = generation.values.get(key);
        if (cached != null) {
            return (T) cached;
        }
        T loaded = loader.get();
        if (loaded != null && current == generation) {
            generation.values.put(key, loaded);
        }
        return loaded;
    }

    /** Drops everything: called around every write of this process and when the change log moved. */
    void invalidate() {
        current = new Generation(System.nanoTime());
    }

    private Generation live() {
        Generation generation = current;
        if (System.nanoTime() - generation.bornNanos > TTL_NANOS) {
            Generation fresh = new Generation(System.nanoTime());
            current = fresh;
            return fresh;
        }
        return generation;
    }

    private static final class Generation {
        final long bornNanos;
        final ConcurrentHashMap<Object, Object> values = new ConcurrentHashMap<>();

        Generation(long bornNanos) {
            this.bornNanos = bornNanos;
        }
    }

    /** A cache key: the kind of row and its id. */
    record Key(char kind, String id) {
    }
}
