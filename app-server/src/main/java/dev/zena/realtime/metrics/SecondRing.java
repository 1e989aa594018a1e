package dev.zena.realtime.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One tenant's last {@code size} seconds of traffic in a ring (one slot per second, reused when the second
 * comes round again), plus its totals since 00:00 UTC of the current day. Synchronized: every call is O(1) or
 * O(size) and short.
 */
final class SecondRing {

    private static final int KINDS = TrafficKind.values().length;
    private static final long NONE = Long.MIN_VALUE;

    private final int size;
    private final long[] secondOf;
    private final long[][] counts;
    private final long[] connections;
    private final long[] today = new long[KINDS];
    private long day = NONE;
    private long lastActiveSecond = NONE;

    SecondRing(int size) {
        this.size = size;
        this.secondOf = new long[size];
        this.counts = new long[size][KINDS];
        this.connections = new long[size];
        Arrays.fill(secondOf, NONE);
        Arrays.fill(connections, -1);
    }

    synchronized void add(long second, TrafficKind kind, long n) {
        counts[slot(second)][kind.ordinal()] += n;
        rollDay(second);
        today[kind.ordinal()] += n;
        lastActiveSecond = second;
    }

    synchronized void sampleConnections(long second, long live) {
        connections[slot(second)] = live;
        if (live > 0) {
            lastActiveSecond = second;
        }
    }

    /** The sum of {@code kind} over the {@code window} seconds ending with {@code now} (included). */
    synchronized long sum(long now, TrafficKind kind, int window) {
        long total = 0;
        for (long s = now - Math.min(window, size) + 1; s <= now; s++) {
            int i = index(s);
            if (secondOf[i] == s) {
                total += counts[i][kind.ordinal()];
            }
        }
        return total;
    }

    /** The total of {@code kind} since 00:00 UTC of {@code now}'s day. */
    synchronized long today(long now, TrafficKind kind) {
        return Math.floorDiv(now, 86_400) == day ? today[kind.ordinal()] : 0;
    }

    /** The last {@code seconds} seconds ending with {@code now}, oldest first. */
    synchronized List<TrafficPoint> points(long now, int seconds) {
        int n = Math.min(seconds, size);
        List<TrafficPoint> points = new ArrayList<>(n);
        long carried = 0;
        for (long s = now - n + 1; s <= now; s++) {
            int i = index(s);
            boolean isCurrent = secondOf[i] == s;
            long[] c = isCurrent ? counts[i] : new long[KINDS];
            if (isCurrent && connections[i] >= 0) {
                carried = connections[i];
            }
            points.add(new TrafficPoint(s, c[0], c[1], c[2], c[3], carried));
        }
        return points;
    }

    /** True when nothing happened for a whole ring and nothing of today's totals would be lost by forgetting it. */
    synchronized boolean isIdle(long now) {
        return now - lastActiveSecond >= size && Math.floorDiv(now, 86_400) != day;
    }

    private int slot(long second) {
        int i = index(second);
        if (secondOf[i] != second) {
            secondOf[i] = second;
            Arrays.fill(counts[i], 0);
            connections[i] = -1;
        }
        return i;
    }

    private int index(long second) {
        return (int) Math.floorMod(second, (long) size);
    }

    private void rollDay(long second) {
        long d = Math.floorDiv(second, 86_400);
        if (d != day) {
            day = d;
            Arrays.fill(today, 0);
        }
    }
}
