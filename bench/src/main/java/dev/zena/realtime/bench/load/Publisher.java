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
 * Publishes {@code task.updated} on {@code task.{id}} with the title {@code t=<nanoTime>}: through the app API
 * ({@code PATCH /api/v1/app/tasks/{id}}, a store write per publish; what the peers implement), or, when a publish key
 * and secret are given, through the signed server-to-server {@code POST /api/v1/broadcast} (no store write). At a fixed rate (open loop), or unthrottled: as
 * fast as deliveries keep up, with at most {@code window} publishes not yet fully delivered, so that the run
 * measures throughput rather than how fast send queues overflow.
 */
public final class Publisher {

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String baseUrl;
    private final String bearer;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final Semaphore inflight;
    private final int maxInflight;

    private final java.util.concurrent.ConcurrentHashMap<Integer, java.util.concurrent.atomic.LongAdder>
            acceptedByTask = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile String tenant = BenchData.TENANT;
    private volatile java.util.function.IntFunction<String> channelOf = BenchData::channel;
    private final String publishKey;
    private volatile String padding = "";
    private volatile String titlePadding = "";
    private final javax.crypto.spec.SecretKeySpec publishSecret;
    /** Pusher HTTP API mode (SPEC §12): app id, key and secret; null otherwise. */
    private String pusherAppId;

    private String pusherKey;
    private javax.crypto.spec.SecretKeySpec pusherSecret;
    /** Pusher mode: the sequence number each event carries as {@code seq}, in order of sending. */
    private final AtomicLong seq = new AtomicLong();

    public Publisher(String baseUrl, String token, int maxInflight) {
        this(baseUrl, token, maxInflight, null, null);
    }

    /** {@code publishKey}/{@code publishSecret} non-null: publish through the signed broadcast endpoint. */
    public Publisher(String baseUrl, String token, int maxInflight, String publishKey, String publishSecret) {
        this.baseUrl = baseUrl;
        this.publishKey = publishKey;
        this.publishSecret = publishKey == null || publishSecret == null
                ? null
                : new javax.crypto.spec.SecretKeySpec(
                        publishSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256");
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

    /**
     * Publishes through the Pusher HTTP API instead ({@code POST /apps/{appId}/events}, signed as Laravel's
     * pusher-php-server signs it), to the private Laravel name of each channel ({@code private-task.…}), with data
     * {@code {"title":"t=<nanoTime>","seq":N}} sent as a JSON text: what our {@code /app/{key}} and Soketi both
     * take. {@code seq} counts publishes in order of sending, since Pusher events carry no server offset.
     */
    public Publisher viaPusherApi(String appId, String key, String secret) {
        if (appId == null || appId.isEmpty() || key == null || key.isEmpty() || secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the Pusher HTTP API needs an app id, key and secret");
        }
        this.pusherAppId = appId;
        this.pusherKey = key;
        this.pusherSecret = new javax.crypto.spec.SecretKeySpec(
                secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256");
        return this;
    }

    /** True when publishing through the Pusher HTTP API. */
    public boolean isPusherApi() {
        return pusherSecret != null;
    }

    /** True when publishing through the signed {@code POST /api/v1/broadcast}. */
    public boolean isBroadcast() {
        return publishSecret != null;
    }

    /** Broadcasts to {@code tenantId}'s channels named by {@code channelOfTask} (default: tenant bench). */
    public Publisher toTenant(String tenantId, java.util.function.IntFunction<String> channelOfTask) {
        this.tenant = tenantId;
        this.channelOf = channelOfTask;
        return this;
    }

    /** Publishes answered 200 for one task. */
    public long acceptedFor(int task) {
        java.util.concurrent.atomic.LongAdder n = acceptedByTask.get(task);
        return n == null ? 0 : n.sum();
    }

    private void publish(int task) {
        HttpRequest request = isPusherApi() ? pusherEvent(task) : isBroadcast() ? broadcast(task) : patch(task);
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            inflight.release();
            if (failure == null && response.statusCode() == 200) {
                accepted.incrementAndGet();
                acceptedByTask
                        .computeIfAbsent(task, t -> new java.util.concurrent.atomic.LongAdder())
                        .increment();
            } else {
                refused.incrementAndGet();
            }
        });
    }

    private HttpRequest patch(int task) {
        String body = "{\"title\":\"t=" + System.nanoTime() + titlePadding + "\"}";
        return HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/app/tasks/" + BenchData.task(task)))
                .header("Authorization", bearer)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private HttpRequest pusherEvent(int task) {
        String data = "{\\\"title\\\":\\\"t=" + System.nanoTime() + "\\\",\\\"seq\\\":" + seq.getAndIncrement() + "}";
        String body = "{\"name\":\"task.updated\",\"channel\":\"" + Dialect.PUSHER.wireChannel(channelOf.apply(task))
                + "\",\"data\":\"" + data + "\"}";
        String path = "/apps/" + pusherAppId + "/events";
        String query;
        try {
            String md5 = java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("MD5")
                            .digest(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            // Sorted by name, as the Pusher signature requires.
            query = "auth_key=" + pusherKey + "&auth_timestamp=" + System.currentTimeMillis() / 1000
                    + "&auth_version=1.0&body_md5=" + md5;
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(pusherSecret);
            String signature = java.util.HexFormat.of()
                    .formatHex(mac.doFinal(
                            ("POST\n" + path + "\n" + query).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            query += "&auth_signature=" + signature;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return HttpRequest.newBuilder(URI.create(baseUrl + path + "?" + query))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private HttpRequest broadcast(int task) {
        String body = "{\"tenant_id\":\"" + tenant + "\",\"channel\":\"" + channelOf.apply(task)
                + "\",\"event\":\"task.updated\",\"data\":{\"title\":\"t=" + System.nanoTime() + "\"" + padding + "}}";
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        String signature;
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(publishSecret);
            signature = java.util.HexFormat.of()
                    .formatHex(mac.doFinal((timestamp + "." + body).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/broadcast"))
                .header("Content-Type", "application/json")
                .header("X-Zena-Key", publishKey)
                .header("X-Zena-Timestamp", timestamp)
                .header("X-Zena-Signature", signature)
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /**
     * Publishes exactly {@code count} events, to the tasks {@code taskOf} picks in turn, as fast as the window of
     * publishes in flight allows; returns when every answer is in (or after 10 s of waiting for the last ones).
     */
    public void publishExactly(long count, IntSupplier taskOf) {
        for (long sent = 0; sent < count; ) {
            if (acquire()) {
                publish(taskOf.getAsInt());
                sent++;
            }
        }
        drain();
    }

    /**
     * Pads every later event with {@code bytes} characters: a field of {@code data} (broadcast), or the end of the
     * task title (PATCH, after the digits the {@link EventScan} reads).
     */
    public Publisher padded(int bytes) {
        this.padding = bytes > 0 ? ",\"pad\":\"" + "x".repeat(bytes) + "\"" : "";
        this.titlePadding = bytes > 0 ? " " + "x".repeat(bytes - 1) : "";
        return this;
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
