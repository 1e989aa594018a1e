package dev.zena.realtime.protocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Loads golden files: one compact JSON line each, the trailing newline is the file's, not the message's. */
final class Golden {

    static final Instant NOW = Instant.parse("2026-11-25T10:30:00.123Z");

    private Golden() {}

    static String read(String folder, String name) {
        try {
            String text = Files.readString(folder(folder).resolve(name), StandardCharsets.UTF_8);
            return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Set<String> names(String folder) {
        try (Stream<Path> files = Files.list(folder(folder))) {
            return files.map(path -> path.getFileName().toString()).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path folder(String folder) {
        URL url = Golden.class.getResource("/golden/" + folder);
        if (url == null) {
            throw new IllegalStateException("no golden folder " + folder);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
