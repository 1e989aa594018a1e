package dev.zena.realtime.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A token minted into the same {@code --token-file} reaches the next request without a restart. */
class TokenFileTest {

    @TempDir
    Path dir;

    @Test
    void aNewTokenWrittenToTheFileIsUsedByTheNextRequest() throws Exception {
        Path file = write("old.token.value\n", Instant.parse("2026-01-01T08:00:00Z"));
        TokenFile token = TokenFile.open(file, "old.token.value");
        assertThat(token.get()).isEqualTo("old.token.value");

        write("new.token.value\n", Instant.parse("2026-01-01T18:00:00Z"));

        assertThat(token.get()).isEqualTo("new.token.value");
    }

    @Test
    void anEmptiedOrRemovedFileKeepsTheLastToken() throws Exception {
        Path file = write("kept.token.value", Instant.parse("2026-01-01T08:00:00Z"));
        TokenFile token = TokenFile.open(file, "kept.token.value");

        write("", Instant.parse("2026-01-01T09:00:00Z"));
        assertThat(token.get()).isEqualTo("kept.token.value");
        Files.delete(file);
        assertThat(token.get()).isEqualTo("kept.token.value");

        write("after.the.gap", Instant.parse("2026-01-01T10:00:00Z"));
        assertThat(token.get()).isEqualTo("after.the.gap");
    }

    private Path write(String text, Instant modified) throws Exception {
        Path file = dir.resolve("admin.token");
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }
}
