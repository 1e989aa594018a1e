package dev.zena.realtime.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.Stores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/import-format.md stays true: its JSON examples are imported in order into one empty store, as a reader
 * would; the one marked {@code <!-- refused -->} is refused with the errors the page prints, and changes nothing;
 * examples/first-admin.json is the page's first example.
 */
@Timeout(60)
class ImportFormatDocTest {

    private static final Pattern BLOCK = Pattern.compile("(<!-- refused -->\\n)?```json\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern PRINTED =
            Pattern.compile("```\\nerror: import refused, nothing was changed:\\n(.*?)```", Pattern.DOTALL);

    @Test
    void theExamplesImportAsThePageSays(@TempDir Path dir) throws Exception {
        String page = Files.readString(root().resolve("docs/import-format.md"));
        List<String> accepted = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        Matcher m = BLOCK.matcher(page);
        while (m.find()) {
            (m.group(1) != null ? refused : accepted).add(m.group(2));
        }
        assertThat(accepted).as("accepted examples").hasSize(2);
        assertThat(refused).as("refused examples").hasSize(1);

        try (Store store = Stores.open(dir.resolve("zena.db").toString())) {
            Importer importer = new Importer(store);
            for (String example : accepted) {
                importer.importDocument(example.getBytes(StandardCharsets.UTF_8), false);
            }
            assertThat(store.user("nw-admin")).isPresent();
            assertThat(store.users("northwind")).hasSize(5);
            assertThat(store.projects("northwind")).hasSize(2);
            assertThat(store.tasks("northwind")).hasSize(3);

            Matcher printed = PRINTED.matcher(page);
            assertThat(printed.find()).as("the page prints the refusal").isTrue();
            assertThatThrownBy(() -> importer.importDocument(refused.get(0).getBytes(StandardCharsets.UTF_8), false))
                    .isInstanceOf(ImportException.class)
                    .hasMessage(printed.group(1).stripTrailing());
            assertThat(store.user("nw-late")).isEmpty();
            assertThat(store.task("nw-t1").orElseThrow().title()).isEqualTo("Pour the footing");
        }
    }

    @Test
    void theShippedFirstAdminFileIsThePagesFirstExample() throws Exception {
        String page = Files.readString(root().resolve("docs/import-format.md"));
        Matcher m = BLOCK.matcher(page);
        assertThat(m.find()).isTrue();
        assertThat(Files.readString(root().resolve("examples/first-admin.json")))
                .isEqualTo(m.group(2));
    }

    private static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docs/import-format.md"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "no docs/import-format.md above " + Path.of("").toAbsolutePath());
    }
}
