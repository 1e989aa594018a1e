package dev.zena.realtime.console.ui;

import dev.zena.realtime.console.embedded.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** A real embedded server in a temp directory, shared by a test class. */
final class LiveServer {

    final EmbeddedServer server;

    LiveServer() throws Exception {
        Path home = Files.createTempDirectory("zena-console-test");
        server = EmbeddedServer.in(home, Clock.systemUTC());
        server.start();
    }

    /** A token for {@code user} from the admin API, as the console's test client gets one. */
    String tokenFor(String user) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.address() + "/api/v1/admin/tokens"))
                                .header("Authorization", "Bearer " + server.adminToken())
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"user_id\":\"" + user + "\",\"ttl_seconds\":300}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 201 && answer.statusCode() != 200) {
            throw new IllegalStateException("token for " + user + ": " + answer.statusCode() + " " + answer.body());
        }
        return new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(answer.body())
                .path("token")
                .asText();
    }

    void stop() {
        server.stop();
    }
}
