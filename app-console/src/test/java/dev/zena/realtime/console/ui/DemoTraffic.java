package dev.zena.realtime.console.ui;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Browsers of several demo users, subscribed and pinging, plus a test event now and then: traffic to look at. */
final class DemoTraffic implements AutoCloseable {

    private final List<UserSocket> sockets = new ArrayList<>();
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
    private final LiveServer live;
    private final HttpClient http = HttpClient.newHttpClient();
    private int beat;

    DemoTraffic(LiveServer live) throws Exception {
        this.live = live;
        open("acme-pm", "project.acme-tower", "project.acme-bridge", "dashboard.acme-pm", "metrics.acme");
        open("acme-member", "project.acme-tower", "task.acme-t1", "notifications.acme-member");
        open("acme-client", "project.acme-tower", "project.acme-bridge", "task.acme-t2");
        open("acme-admin", "system.acme", "metrics.acme", "alerts.acme-admin");
        open("globex-pm", "project.globex-plant", "dashboard.globex-pm");
        open("globex-member", "project.globex-plant", "task.globex-t1");
        loop.scheduleAtFixedRate(this::beat, 200, 250, TimeUnit.MILLISECONDS);
    }

    private void open(String user, String... channels) throws Exception {
        UserSocket socket = new UserSocket(live.server.address(), live.tokenFor(user));
        socket.subscribe(channels);
        sockets.add(socket);
    }

    private void beat() {
        try {
            beat++;
            for (int i = 0; i < sockets.size(); i++) {
                if ((beat + i) % 3 != 0) {
                    sockets.get(i).send("{\"type\":\"ping\"}");
                }
            }
            if (beat % 4 == 0) {
                event(beat % 8 == 0 ? "project.acme-tower" : "project.globex-plant");
            }
        } catch (RuntimeException e) {
            // a closed socket during shutdown: the tour goes on
        }
    }

    private void event(String channel) {
        http.sendAsync(
                HttpRequest.newBuilder(URI.create(live.server.address() + "/api/v1/admin/events"))
                        .header("Authorization", "Bearer " + live.server.adminToken())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"" + channel
                                + "\",\"event\":\"task.updated\",\"data\":{\"beat\":" + beat + "}}"))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
    }

    @Override
    public void close() {
        loop.shutdownNow();
        sockets.forEach(UserSocket::close);
    }
}
