package dev.zena.realtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The committed docs and sample file are exactly what {@link ConfigDocs} generates from {@link Settings#ALL}. */
class ConfigDocsTest {

    /** Surefire runs in the module directory; the generated files live at the repository root. */
    private static final Path ROOT = Path.of("..");

    @Test
    void configurationMarkdownIsUpToDate() throws IOException {
        assertThat(Files.readString(ROOT.resolve(ConfigDocs.MARKDOWN)))
                .as("docs/configuration.md is stale; regenerate it from the repository root with: "
                        + ConfigDocs.REGENERATE)
                .isEqualTo(ConfigDocs.markdown());
    }

    @Test
    void exampleFileIsUpToDate() throws IOException {
        assertThat(Files.readString(ROOT.resolve(ConfigDocs.EXAMPLE)))
                .as("config/zena.example.yml is stale; regenerate it from the repository root with: "
                        + ConfigDocs.REGENERATE)
                .isEqualTo(ConfigDocs.exampleYaml());
    }

    @Test
    void exampleFileLoadsAsTheDefaults() throws ConfigException {
        ConfigSource source = ConfigLoader.effective(ROOT.resolve(ConfigDocs.EXAMPLE), Map.of(), Map.of());

        assertThat(ConfigLoader.bind(source)).isEqualTo(ConfigLoader.defaults());
        assertThat(source.values()).filteredOn(v -> v.origin() == Origin.FILE).extracting(v -> v.setting().key())
                .doesNotContain("workers", "jwt.secret", "jwt.private_key", "publish.secret", "metrics.token")
                .hasSize((int) Settings.ALL.stream().filter(s -> !s.isSecret() && s.defaultValue() != null).count() - 1);
    }

    @Test
    void markdownListsEveryKeyWithItsEnvironmentName() {
        String md = ConfigDocs.markdown();
        for (Setting s : Settings.ALL) {
            assertThat(md).contains("| `" + s.key() + "` | `" + s.envName() + "` |");
        }
        assertThat(md).contains("| `workers` | `WEBSOCKET_WORKERS` | CPUs |");
    }
}
