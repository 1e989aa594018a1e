package dev.zena.realtime.bench.load;

import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zena.realtime.bench.client.Transport;
import dev.zena.realtime.bench.probe.HeapProbe;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * History memory (issue 15 item 1), ours only, memory broker: the live heap of the server (after a full GC) with
 * no history, then with {@code channels} channels each holding {@code events} events (the server's
 * {@code history.size}), then after the server's {@code history.ttl} has passed with no publish. The history
 * endpoint of one channel is read at both points, so the figures are of history that is really kept, then really
 * gone (a full history read below {@code events} means the TTL was too short for the publishing: use a longer
 * one). No subscriber is connected: history is kept per channel whether or not anyone listens.
 */
final class HistoryMemoryScenario {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HistoryMemoryScenario() {}

    static void run(Run run, Transport transport) {
        int channels = run.options.integer("channels", 100);
        int events = run.options.integer("events", 200);
        int payload = run.options.integer("payload", 100);
        double ttl = run.options.decimal("ttl", 20);
        String reader = BenchData.token(Algorithm.HMAC256(run.secret), BenchData.user(0));

        long baseline = HeapProbe.liveHeapKiB(run.target.pid());
        long started = System.nanoTime();
        // Through the app API's PATCH, not the signed broadcast: the broadcast's replay guard remembers every
        // signature for 300 s, which would be counted here as history.
        Publisher publisher = new Publisher(
                        run.baseUrl(), BenchData.token(Algorithm.HMAC256(run.secret), BenchData.PUBLISHER), 8)
                .padded(payload);
        run.details.put("publish_path", "PATCH /api/v1/app/tasks/{id}");
        AtomicInteger next = new AtomicInteger();
        publisher.publishExactly((long) channels * events, () -> 1 + next.getAndIncrement() % channels);
        long published = System.nanoTime();
        int keptFull = kept(run, reader, events); // first: the heap probe's full GC takes a while
        long full = HeapProbe.liveHeapKiB(run.target.pid());
        long expiresAt = published + (long) ((ttl + 3) * 1e9); // the TTL, plus the once-a-second sweep, rounded up
        Run.sleepUntil(expiresAt);
        long afterTtl = HeapProbe.liveHeapKiB(run.target.pid());
        int keptAfter = kept(run, reader, events);

        long total = (long) channels * events;
        run.metrics.put("channels", channels);
        run.metrics.put("events_per_channel", events);
        run.metrics.put("payload_pad_bytes", payload);
        run.metrics.put("publishes_accepted", publisher.accepted());
        run.metrics.put("publishes_refused", publisher.refused());
        run.metrics.put("publish_seconds", Run.round((published - started) / 1e9));
        run.metrics.put("history_kept_channel_1_full", keptFull);
        run.metrics.put("history_kept_channel_1_after_ttl", keptAfter);
        run.metrics.put("live_heap_kib_baseline", baseline);
        run.metrics.put("live_heap_kib_full", full);
        run.metrics.put("live_heap_kib_after_ttl", afterTtl);
        if (baseline > 0 && full > 0 && afterTtl > 0) {
            run.metrics.put("history_bytes_per_channel_full", Run.round((full - baseline) * 1024.0 / channels));
            run.metrics.put("history_bytes_per_event_full", Run.round((full - baseline) * 1024.0 / total));
            run.metrics.put(
                    "history_bytes_per_channel_after_ttl", Run.round((afterTtl - baseline) * 1024.0 / channels));
        }
        run.details.put("heap_probe", "jcmd GC.run then GC.heap_info on the server's pid (live heap after a full GC)");
    }

    /** How many of its latest {@code limit} events channel 1's history endpoint answers (-1 when the read failed). */
    private static int kept(Run run, String token, int limit) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(
                        run.baseUrl() + "/api/v1/app/channels/" + BenchData.channel(1) + "/history?limit=" + limit))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        try {
            HttpResponse<String> response =
                    HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return -1;
            }
            JsonNode body = JSON.readTree(response.body());
            return body.path("data").size();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
