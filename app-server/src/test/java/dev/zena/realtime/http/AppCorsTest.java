package dev.zena.realtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zena.realtime.config.ConfigException;
import dev.zena.realtime.config.ConfigLoader;
import dev.zena.realtime.testing.TestServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A browser page on another origin calls the App API with a Bearer token: the preflight a browser sends before a
 * PATCH with {@code Authorization} is answered for a listed origin and not for others, the answers carry the
 * headers the browser checks, and the publish API stays closed to browsers.
 */
@Timeout(30)
class AppCorsTest {

    private static final String PAGE = "https://app.example.test";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void preflightOfAListedOriginIsAnsweredWithTheRequestedMethodAndHeaders(@TempDir Path dir) throws Exception {
        try (TestServer server = TestServer.start(dir, Map.of("cors.allowed_origins", PAGE), "fixtures/basic.json")) {
            HttpResponse<String> preflight = preflight(server, "/api/v1/app/tasks/acme-t1", PAGE, "PATCH");

            assertThat(preflight.statusCode()).isEqualTo(200);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                    .contains(PAGE);
            assertThat(preflight
                            .headers()
                            .firstValue("Access-Control-Allow-Methods")
                            .orElse(""))
                    .containsIgnoringCase("PATCH");
            assertThat(preflight
                            .headers()
                            .firstValue("Access-Control-Allow-Headers")
                            .orElse(""))
                    .containsIgnoringCase("authorization")
                    .containsIgnoringCase("content-type");
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials"))
                    .isEmpty();
        }
    }

    @Test
    void theCallAfterThePreflightCarriesTheOriginAndIsAuthorisedByTheToken(@TempDir Path dir) throws Exception {
        try (TestServer server = TestServer.start(dir, Map.of("cors.allowed_origins", PAGE), "fixtures/basic.json")) {
            HttpResponse<String> patch = HTTP.send(
                    HttpRequest.newBuilder(server.http("/api/v1/app/tasks/acme-t1"))
                            .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"status\":\"in_progress\"}"))
                            .header("Origin", PAGE)
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + server.token("acme-admin"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> noToken = HTTP.send(
                    HttpRequest.newBuilder(server.http("/api/v1/app/tasks/acme-t1"))
                            .header("Origin", PAGE)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(patch.statusCode()).as(patch.body()).isEqualTo(200);
            assertThat(patch.body()).contains("in_progress");
            assertThat(patch.headers().firstValue("Access-Control-Allow-Origin"))
                    .contains(PAGE);
            // The token still decides: CORS lets the page read the answer, a 401 included.
            assertThat(noToken.statusCode()).isEqualTo(401);
            assertThat(noToken.headers().firstValue("Access-Control-Allow-Origin"))
                    .contains(PAGE);
        }
    }

    @Test
    void anOriginNotListedGetsNoCorsHeadersSoTheBrowserRefusesTheCall(@TempDir Path dir) throws Exception {
        try (TestServer server = TestServer.start(dir, Map.of("cors.allowed_origins", PAGE), "fixtures/basic.json")) {
            HttpResponse<String> preflight =
                    preflight(server, "/api/v1/app/tasks/acme-t1", "https://evil.example.test", "PATCH");

            // Javalin still echoes the method; without Allow-Origin the browser refuses the call all the same.
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                    .isEmpty();
        }
    }

    @Test
    void withoutTheSettingNoPathAnswersAPreflight(@TempDir Path dir) throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            HttpResponse<String> preflight = preflight(server, "/api/v1/app/tasks/acme-t1", PAGE, "PATCH");

            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                    .isEmpty();
        }
    }

    @Test
    void theServerToServerApiIsNotOpenedToBrowsers(@TempDir Path dir) throws Exception {
        try (TestServer server = TestServer.start(dir, Map.of("cors.allowed_origins", "*"), "fixtures/basic.json")) {
            HttpResponse<String> app = preflight(server, "/api/v1/app/projects", PAGE, "GET");
            HttpResponse<String> broadcast = preflight(server, "/api/v1/broadcast", PAGE, "POST");

            assertThat(app.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
            assertThat(broadcast.headers().firstValue("Access-Control-Allow-Origin"))
                    .isEmpty();
        }
    }

    @Test
    void credentialsAreAllowedForListedOriginsOnly(@TempDir Path dir) throws Exception {
        try (TestServer server = TestServer.start(
                dir, Map.of("cors.allowed_origins", PAGE, "cors.allow_credentials", "true"), "fixtures/basic.json")) {
            HttpResponse<String> preflight = preflight(server, "/api/v1/app/projects", PAGE, "GET");

            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                    .contains(PAGE);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials"))
                    .contains("true");
        }
        assertThatThrownBy(() -> ConfigLoader.load(
                        null, Map.of(), Map.of("cors.allowed_origins", "*", "cors.allow_credentials", "true")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cors.allowed_origins")
                .hasMessageContaining("list the origins");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("cors.allowed_origins", "app.example.test")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("scheme://host[:port]");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("cors.allow_credentials", "yes")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("true or false");
    }

    private static HttpResponse<String> preflight(TestServer server, String path, String origin, String method)
            throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(server.http(path))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", origin)
                        .header("Access-Control-Request-Method", method)
                        .header("Access-Control-Request-Headers", "authorization,content-type")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
