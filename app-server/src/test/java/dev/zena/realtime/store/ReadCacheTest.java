package dev.zena.realtime.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link ReadCache#keepAll}, the preload's half: kept only while trusted, never across an invalidation. */
class ReadCacheTest {

    private final ReadCache cache = new ReadCache();
    private final AtomicInteger reads = new AtomicInteger();

    private static Map<String, ?> values(int count) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            values.put("user:u" + i, "row " + i);
        }
        return values;
    }

    /** The value under {@code key}: kept, or "read" (and counted) when nothing is kept. */
    private String lookup(String key) {
        return cache.get(key, () -> {
            reads.incrementAndGet();
            return "read " + key;
        });
    }

    @Test
    void keptValuesAnswerLookupsWithoutAReadUntilTheNextInvalidation() {
        cache.trust();

        assertThat(cache.keepAll(() -> values(3), 10)).isEqualTo(3);

        assertThat(lookup("user:u1")).isEqualTo("row 1");
        assertThat(reads).hasValue(0);
        cache.invalidate();
        assertThat(lookup("user:u1")).isEqualTo("read user:u1");
        assertThat(reads).hasValue(1);
    }

    @Test
    void nothingIsKeptWhileTheCacheIsNotTrusted() {
        assertThat(cache.keepAll(() -> values(3), 10)).isZero();

        assertThat(lookup("user:u0")).isEqualTo("read user:u0");
    }

    @Test
    void aReadThatAnInvalidationOvertookIsNotKept() {
        cache.trust();

        int kept = cache.keepAll(
                () -> {
                    cache.invalidate(); // a commit seen while the preload's query ran
                    return values(3);
                },
                10);

        assertThat(kept).isZero();
        assertThat(lookup("user:u2")).isEqualTo("read user:u2");
    }

    @Test
    void atMostRoomValuesAreKept() {
        cache.trust();
        lookup("task:t1");

        assertThat(cache.keepAll(() -> values(5), 3))
                .as("room counts what is kept already")
                .isEqualTo(2);

        assertThat(lookup("user:u1")).isEqualTo("row 1");
        assertThat(lookup("user:u2")).isEqualTo("read user:u2");
    }
}
