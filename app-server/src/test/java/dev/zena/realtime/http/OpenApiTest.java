package dev.zena.realtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.zena.realtime.admin.HttpHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/openapi.yaml stays true: the methods and paths it lists under {@code paths} are exactly the routes the
 * HTTP server registers in Javalin ({@link HttpServer#routes()}), WebSocket endpoints as the GET of their upgrade.
 */
@Timeout(30)
class OpenApiTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @Test
    void documentsEveryRegisteredRouteAndNothingElse(@TempDir Path dir) throws Exception {
        SortedSet<String> documented = documented(openApiFile());
        try (HttpHarness harness = HttpHarness.start(dir, null)) {
            SortedSet<String> registered = harness.http().routes();
            assertThat(registered).as("registered routes").isNotEmpty();
            SortedSet<String> undocumented = new TreeSet<>(registered);
            undocumented.removeAll(documented);
            SortedSet<String> unregistered = new TreeSet<>(documented);
            unregistered.removeAll(registered);
            assertThat(undocumented)
                    .as("registered but missing from docs/openapi.yaml")
                    .isEmpty();
            assertThat(unregistered)
                    .as("in docs/openapi.yaml but not registered")
                    .isEmpty();
        }
    }

    private static SortedSet<String> documented(Path file) throws Exception {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        assertThat(root.path("openapi").asText()).startsWith("3.");
        SortedSet<String> routes = new TreeSet<>();
        root.path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
                    if (METHODS.contains(method)) {
                        routes.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                    }
                }));
        return routes;
    }

    private static Path openApiFile() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs").resolve("openapi.yaml");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(
                "docs/openapi.yaml not found above " + Path.of("").toAbsolutePath());
    }
}
