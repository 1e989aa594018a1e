package dev.zena.realtime.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Publishes through the app API: {@code PATCH /api/v1/app/tasks/{id}} with the title {@code t=<nanoTime>}, which the
 * server publishes as {@code task.updated} on {@code task.{id}}. At a fixed rate (open loop), or unthrottled: as
 * fast as deliveries keep up, with at most {@code window} publishes not yet fully delivered, so that the run
 * measures throughput rather than how fast send queues overflow.
 */
public final class Publisher {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String bearer;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final Semaphore inflight;
    private final int maxInflight;

    public Publisher(String baseUrl, String token, int maxInflight) {
        this.baseUrl = baseUrl;
        this.bearer = "Bearer " + token;
        this.inflight = new Semaphore(maxInflight);
        this.maxInflight = maxInflight;
    }

    /**
     * Publishes until {@code endNanos} to the tasks {@code taskOf} picks in turn; {@code rate} publishes per second,
     * or 0 for unthrottled, where {@code distinct} counts deliveries and {@code fanout} is how many each publish
     * should make.
     */
    public void run(long endNanos, double rate, IntSupplier taskOf, int window, LongSupplier distinct, long fanout) {
        long period = rate > 0 ? (long) (1e9 / rate) : 0;
        long next = System.nanoTime();
        long sent = 0;
        long stalledSince = 0;
        while (System.nanoTime() < endNanos) {
            if (period > 0) {
                next += period;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            } else if ((sent - window) * fanout > distinct.getAsLong()) {
                // Hold back while deliveries lag; a lagging delivery that never comes (a loss) stalls at most 1 s.
                long now = System.nanoTime();
                stalledSince = stalledSince == 0 ? now : stalledSince;
                if (now - stalledSince < 1_000_000_000L) {
                    LockSupport.parkNanos(200_000);
                    continue;
                }
            }
            stalledSince = 0;
            if (!acquire()) {
                continue;
            }
            publish(taskOf.getAsInt());
            sent++;
        }
        drain();
    }

    private boolean acquire() {
        try {
            return inflight.tryAcquire(100, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void publish(int task) {
        String body = "{\"title\":\"t=" + System.nanoTime() + "\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/app/tasks/" + BenchData.task(task)))
                .header("Authorization", bearer).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            inflight.release();
            if (failure == null && response.statusCode() == 200) {
                accepted.incrementAndGet();
            } else {
                refused.incrementAndGet();
            }
        });
    }

    /** Waits for the publishes still in flight (at most 10 s). */
    private void drain() {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (inflight.availablePermits() < maxInflight && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** Publishes answered 200. */
    public long accepted() {
        return accepted.get();
    }

    /** Publishes refused or failed. */
    public long refused() {
        return refused.get();
    }
}
