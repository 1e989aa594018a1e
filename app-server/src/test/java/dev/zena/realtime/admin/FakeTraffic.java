package dev.zena.realtime.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A traffic source that reports fixed per-second figures for acme and globex, to test scoping and shapes. */
final class FakeTraffic implements TrafficSource {

    @Override
    public List<TenantSeries> lastSeconds(Instant end, int seconds, String tenantOrNull) {
        List<TenantSeries> all = new ArrayList<>();
        for (String tenant : List.of("acme", "globex")) {
            if (tenantOrNull == null || tenantOrNull.equals(tenant)) {
                long base = tenant.equals("acme") ? 1 : 100;
                all.add(new TenantSeries(
                        tenant,
                        repeat(base, seconds),
                        repeat(base + 1, seconds),
                        repeat(base + 2, seconds),
                        repeat(base + 3, seconds),
                        repeat(base + 4, seconds)));
            }
        }
        return all;
    }

    private static List<Long> repeat(long value, int times) {
        return Collections.nCopies(times, value);
    }
}
