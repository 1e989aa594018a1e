package dev.zena.realtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zena.realtime.config.ConfigException;
import dev.zena.realtime.config.ConfigLoader;
import dev.zena.realtime.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /debug} (SPEC §13): off by default, on with {@code debug_page: true}; the page and every file it loads come
 * from this server, under a policy that forbids any other origin. (What it does in a browser: clients/js, Playwright.)
 */
@Timeout(30)
class DebugPageTest {

    private static final Pattern REFERENCE = Pattern.compile("(?:src|href)=\"([^\"]+)\"|from '([^']+)'");

    @Test
    void isOffByDefault(@TempDir Path dir) {
        assertThat(ConfigLoader.defaults().isDebugPage()).isFalse();
        try (TestServer server = TestServer.start(dir)) {
            assertThat(server.get("/debug", null).statusCode()).isEqualTo(404);
            assertThat(server.get("/debug/debug.js", null).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void servesThePageAndOnlyItsOwnFiles(@TempDir Path dir) {
        try (TestServer server = TestServer.start(dir, Map.of("debug_page", "true"), null)) {
            HttpResponse<String> page = server.get("/debug", null);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(page.headers().firstValue("Content-Security-Policy"))
                    .hasValueSatisfying(p ->
                            assertThat(p).contains("default-src 'none'", "script-src 'self'", "connect-src 'self'"));
            // Every file the page and its script load is served here, from a path of this server.
            HttpResponse<String> script = server.get("/debug/debug.js", null);
            assertThat(script.statusCode()).isEqualTo(200);
            assertThat(script.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
            assertThat(references(page.body()))
                    .containsExactlyInAnyOrder("data:,", "/debug/debug.css", "/debug/debug.js");
            assertThat(references(script.body())).containsExactly("./client/index.js");
            HttpResponse<String> client = server.get("/debug/client/index.js", null);
            assertThat(client.statusCode()).isEqualTo(200);
            assertThat(client.body()).contains("export { connect");
            assertThat(references(client.body()))
                    .allSatisfy(ref -> assertThat(ref).startsWith("./"));
            assertThat(server.get("/debug/client/client.js", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void refusesNamesOutsideThePage(@TempDir Path dir) {
        try (TestServer server = TestServer.start(dir, Map.of("debug_page", "true"), null)) {
            for (String path : new String[] {
                "/debug/nope.js",
                "/debug/..%2Flogback.xml",
                "/debug/client/../../logback.xml",
                "/debug/logback.xml",
                "/debug/index.html%00.js"
            }) {
                assertThat(server.get(path, null).statusCode()).as(path).isIn(400, 404);
            }
        }
    }

    @Test
    void aSettingThatIsNotABooleanIsNamed() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("WEBSOCKET_DEBUG_PAGE", "maybe"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("debug_page")
                .hasMessageContaining("true or false");
    }

    private static java.util.List<String> references(String text) {
        java.util.List<String> found = new java.util.ArrayList<>();
        Matcher m = REFERENCE.matcher(text);
        while (m.find()) {
            found.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return found;
    }
}
