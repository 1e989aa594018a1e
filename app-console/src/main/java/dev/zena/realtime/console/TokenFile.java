package dev.zena.realtime.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.function.Supplier;

/**
 * The admin token of {@code --token-file}, read again whenever the file changes: an operator whose token expired
 * mints a new one into the same file ({@code zena-server token --user ID --ttl 10h > FILE}) and the console's next
 * request or retry uses it, without a restart. A file that becomes unreadable or empty keeps the last token (the
 * server's refusal then says why). Called from any thread that makes a request.
 */
final class TokenFile implements Supplier<String> {

    private final Path file;
    private FileTime readAt;
    private String token;

    private TokenFile(Path file, String token, FileTime readAt) {
        this.file = file;
        this.token = token;
        this.readAt = readAt;
    }

    /** Called at start with {@code --token-file}: reads it once, failing as {@link LaunchOptions#token} does. */
    static TokenFile open(Path file, String firstToken) {
        return new TokenFile(file, firstToken, modified(file));
    }

    /** Called before every request: the file's token, read again when its modification time changed. */
    @Override
    public synchronized String get() {
        FileTime now = modified(file);
        if (now != null && !now.equals(readAt)) {
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (!text.isEmpty()) {
                    token = text;
                    readAt = now;
                }
            } catch (IOException | UncheckedIOException e) {
                // keep the last token: the next change of the file is read again
            }
        }
        return token;
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return null;
        }
    }
}
