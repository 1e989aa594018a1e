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
    void exampleFileLoadsAsTheDefaultsAndSetsNothing() throws ConfigException {
        ConfigSource source = ConfigLoader.effective(ROOT.resolve(ConfigDocs.EXAMPLE), Map.of(), Map.of());

        assertThat(ConfigLoader.bind(source)).isEqualTo(ConfigLoader.defaults());
        // Every line is commented out: a copy of the sample pins nothing, so `config print` shows no `file` value.
        assertThat(source.values()).filteredOn(v -> v.origin() == Origin.FILE).isEmpty();
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
