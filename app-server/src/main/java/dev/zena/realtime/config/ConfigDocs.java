package dev.zena.realtime.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Generates {@code docs/configuration.md} and {@code config/zena.example.yml} from {@link Settings#ALL}, so the
 * docs cannot drift from the code. Regenerate from the repository root with
 * {@value #REGENERATE}.
 */
public final class ConfigDocs {

    /** The command that rewrites both generated files; printed by the tests that compare them. */
    public static final String REGENERATE = "mvn -B -ntp -q -pl app-server -am compile && "
            + "java -cp app-server/target/classes dev.zena.realtime.config.ConfigDocs .";

    /** The reference page, relative to the repository root. */
    public static final Path MARKDOWN = Path.of("docs", "configuration.md");

    /** The sample configuration, relative to the repository root. */
    public static final Path EXAMPLE = Path.of("config", "zena.example.yml");

    private ConfigDocs() {}

    /** Called by hand (see {@link #REGENERATE}) with the repository root, default {@code .}, to rewrite both files. */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        write(root.resolve(MARKDOWN), markdown());
        write(root.resolve(EXAMPLE), exampleYaml());
    }

    /** The full text of {@code docs/configuration.md}; called by {@link #main} and by the test that compares it. */
    public static String markdown() {
        StringBuilder md = new StringBuilder(ConfigDocsText.INTRO.replace("%REGENERATE%", REGENERATE));
        md.append("| Key | Environment variable | Default | Unit | Description |\n");
        md.append("|---|---|---|---|---|\n");
        for (Setting s : Settings.ALL) {
            md.append("| `")
                    .append(s.key())
                    .append("` | `")
                    .append(s.envName())
                    .append("` | ")
                    .append(markdownDefault(s))
                    .append(" | ")
                    .append(s.unit())
                    .append(" | ")
                    .append(s.description().replace("|", "\\|"))
                    .append(" |\n");
        }
        return md.append(ConfigDocsText.OUTRO).toString();
    }

    /** The full text of {@code config/zena.example.yml}; called by {@link #main} and by its test. */
    public static String exampleYaml() {
        StringBuilder yml = new StringBuilder(ConfigDocsText.EXAMPLE_HEADER);
        String group = "";
        for (Setting s : Settings.ALL) {
            String section =
                    s.key().contains(".") ? s.key().substring(0, s.key().indexOf('.')) : s.key();
            if (!section.equals(group)) {
                yml.append('\n');
                group = section;
            }
            yml.append("# ")
                    .append(s.description())
                    .append(" [")
                    .append(unitNote(s))
                    .append(s.envName())
                    .append("]\n")
                    .append(exampleLine(s))
                    .append('\n');
        }
        return yml.toString();
    }

    /**
     * Every line is commented out: a copy of the sample sets nothing, so {@code config print} shows as {@code file}
     * only what the operator uncommented, and a default changed in a later release reaches them.
     */
    private static String exampleLine(Setting s) {
        if (s.isSecret()) {
            return "# " + s.key() + ": \"\"   # secret: prefer the environment variable";
        }
        if (s.defaultValue() == null) {
            return "# " + s.key() + ": \"\"";
        }
        if (Settings.CPUS.equals(s.defaultValue())) {
            return "# " + s.key() + ": 4   # default: the number of CPUs";
        }
        return "# " + s.key() + ": " + YamlText.scalar(s.defaultValue());
    }

    private static String unitNote(Setting s) {
        return s.unit().isEmpty() || s.unit().equals("pattern") || s.unit().equals("list") ? "" : s.unit() + ", ";
    }

    private static String markdownDefault(Setting s) {
        if (s.defaultValue() == null) {
            return s.isSecret() ? "— (secret)" : "—";
        }
        if (Settings.CPUS.equals(s.defaultValue())) {
            return Settings.CPUS;
        }
        return s.defaultValue().isEmpty() ? "(empty)" : "`" + s.defaultValue() + "`";
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text);
        System.out.println("wrote " + file);
    }
}
