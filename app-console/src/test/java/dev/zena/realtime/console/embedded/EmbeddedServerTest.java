package dev.zena.realtime.console.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EmbeddedServerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void startsWithDemoDataAKeptSecretAndATokenTheServerAccepts(@TempDir Path home) throws Exception {
        EmbeddedServer server = EmbeddedServer.in(home.resolve("console"), Clock.systemUTC());
        try {
            server.start();
            assertThat(server.isRunning()).isTrue();
            assertThat(server.address().getHost()).isEqualTo("127.0.0.1");
            assertThat(server.startedAt()).isNotNull();
            Path secret = home.resolve("console/embedded.db.jwt-secret");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)))
                    .isEqualTo("rw-------");
            assertThat(Files.exists(home.resolve("console/embedded.db"))).isTrue();

            // the demo super_admin's token passes the server's validation (the app API shares it with the admin API)
            HttpResponse<String> projects = get(server.address(), "/api/v1/app/projects", server.adminToken());
            assertThat(projects.statusCode()).isEqualTo(200);
            assertThat(projects.body()).contains("acme-tower");

            int port = server.address().getPort();
            server.stop();
            assertThat(server.isRunning()).isFalse();
            server.start();
            assertThat(server.address().getPort()).isEqualTo(port);
            assertThat(get(server.address(), "/health/live", "").statusCode()).isEqualTo(200);
        } finally {
            server.stop();
        }
    }

    private HttpResponse<String> get(URI base, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (!token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
