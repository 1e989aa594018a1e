package dev.zena.realtime.soak;

import dev.zena.realtime.publish.SignedRequests;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ZenaManage backend's side of the soak: signed {@code POST /api/v1/broadcast} of numbered events (data
 * {@code seq} = the offset the channel must give it, since nothing else publishes to these channels), signed
 * {@code POST /api/v1/sync} of membership changes and revoked tokens (SPEC §6), and an administrator's disconnect. A refused request is recorded as a
 * failure, never retried. Thread-safe; one channel is published from one thread only, so its numbers stay in order.
 */
final class Backend {

    /** The channels the soak publishes to, each with its tenant; the last one carries the large events. */
    static final Map<String, String> SMALL =
            Map.of("project.acme-tower", "acme", "task.acme-t1", "acme", "project.globex-dam", "globex");

    static final String BULK = "project.acme-bridge";
    private static final String BLOB = "x".repeat(16 * 1024);

    private final URI base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, AtomicLong> published = new ConcurrentHashMap<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final AtomicLong syncs = new AtomicLong();

    Backend(URI base) {
        this.base = base;
    }

    /** Publishes the next numbered event of {@code channel} (large for {@link #BULK}); called by one thread. */
    void publishNext(String channel) {
        long seq = published.computeIfAbsent(channel, c -> new AtomicLong()).get() + 1;
        String tenant = channel.equals(BULK) ? "acme" : SMALL.get(channel);
        String blob = channel.equals(BULK) ? ",\"blob\":\"" + BLOB + "\"" : "";
        String body = "{\"tenant_id\":\"" + tenant + "\",\"channel\":\"" + channel + "\",\"event\":\"soak\","
                + "\"data\":{\"seq\":" + seq + blob + "}}";
        if (post("/api/v1/broadcast", body)) {
            published.get(channel).set(seq);
        }
    }

    /** Events of {@code channel} the server accepted so far (the last offset it must have given). */
    long published(String channel) {
        AtomicLong count = published.get(channel);
        return count == null ? 0 : count.get();
    }

    long publishedTotal() {
        return published.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /**
     * Sets the members of acme's project {@code acme-tower} through the sync API (live, SPEC §4.2). The name carries
     * a number so that two identical documents in one second are not two identical signatures, which the server
     * refuses as a replay (SPEC §6).
     */
    boolean towerMembers(List<String> members) {
        String list = String.join("\",\"", members);
        return sync("{\"projects\":[{\"id\":\"acme-tower\",\"tenant_id\":\"acme\",\"name\":\"Tower " + syncs.get()
                + "\",\"members\":[\"" + list + "\"]}]}");
    }

    /** Revokes a token by its {@code jti} through the sync API. */
    boolean revoke(String jti, long exp) {
        return sync("{\"revoked_jtis\":[{\"jti\":\"" + jti + "\",\"exp\":" + exp + "}]}");
    }

    /** Disconnects a connection as an administrator does: {@code DELETE /api/v1/admin/connections/{id}}. */
    boolean disconnect(String connectionId, String adminToken) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/admin/connections/" + connectionId))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + adminToken)
                .DELETE()
                .build();
        return send(request, "DELETE /api/v1/admin/connections");
    }

    long syncs() {
        return syncs.get();
    }

    List<String> failures() {
        return failures;
    }

    private boolean sync(String body) {
        boolean isDone = post("/api/v1/sync", body);
        if (isDone) {
            syncs.incrementAndGet();
        }
        return isDone;
    }

    private boolean post(String path, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        SignedRequests.signed(body).forEach(request::header);
        return send(request.build(), path);
    }

    private boolean send(HttpRequest request, String what) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                failures.add(what + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.statusCode() / 100 == 2;
        } catch (IOException e) {
            failures.add(what + ": " + e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
