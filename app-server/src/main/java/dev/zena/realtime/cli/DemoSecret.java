package dev.zena.realtime.cli;

import dev.zena.realtime.config.JwtConfig;
import dev.zena.realtime.config.PublishConfig;
import dev.zena.realtime.config.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * The secrets of a local demo: the configured ones when there are, else random secrets kept beside the store in
 * {@code <db>.jwt-secret} and {@code <db>.publish-secret} (mode 0600) so that {@code token} run from another
 * shell signs tokens the demo server accepts, and a signed {@code curl} can publish to it. A kept file open to
 * the group or others is refused, not reused.
 */
final class DemoSecret {

    private DemoSecret() {}

    /** The key id of the demo's publish API when none is configured. */
    static final String DEMO_PUBLISH_KEY = "demo";

    /** Called by {@code serve --demo}: the configured key, or the kept secret, generated on first use. */
    static JwtConfig ensure(ServerConfig config) {
        if (config.jwt().hasVerificationKey()) {
            return config.jwt();
        }
        return config.jwt().withSecret(kept(fileFor(config.db())));
    }

    /**
     * Called by {@code serve --demo}: the configured publish key and secret, or the key {@value #DEMO_PUBLISH_KEY}
     * with a secret kept beside the JWT one in {@code <db>.publish-secret} (mode 0600), so that the signed
     * {@code curl} the demo prints works from another shell, and again after a restart.
     */
    static PublishConfig ensurePublish(ServerConfig config) {
        if (config.publish().isEnabled()) {
            return config.publish();
        }
        return new PublishConfig(DEMO_PUBLISH_KEY, kept(publishFileFor(config.db())));
    }

    /** The file of the demo's publish secret. */
    static Path publishFileFor(String db) {
        return Path.of(fileFor(db).toString().replaceFirst("\\.jwt-secret$", ".publish-secret"));
    }

    /** The secret kept in {@code file}, 32 random bytes in hex written there (mode 0600) on first use. */
    private static String kept(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                Path parent = file.toAbsolutePath().getParent();
                Files.createDirectories(parent);
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, HexFormat.of().formatHex(random), StandardCharsets.US_ASCII);
            }
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the demo secret in " + file, e);
        }
    }

    /** Called by {@code token}: the configured key, or the demo secret when one was kept. */
    static JwtConfig orKept(ServerConfig config) {
        Path file = fileFor(config.db());
        if (config.jwt().hasVerificationKey() || !Files.exists(file)) {
            return config.jwt();
        }
        try {
            return config.jwt().withSecret(read(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the demo secret in " + file, e);
        }
    }

    /**
     * The kept secret, refused when its file is open to the group or others: whoever could read it can sign
     * tokens for every user, so it is not silently reused (nor silently fixed: it may have been read already).
     */
    private static String read(Path file) throws IOException {
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (mode.stream()
                    .anyMatch(p -> p.name().startsWith("GROUP_") || p.name().startsWith("OTHERS_"))) {
                throw new CliFailure(
                        "the demo secret " + file + " is open to other users (mode "
                                + PosixFilePermissions.toString(mode)
                                + "): anyone who read it can sign tokens. Delete it to "
                                + "have a new one generated (what was signed with it stops working), or chmod 600 it if it "
                                + "never left your hands",
                        1);
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to check
        }
        return Files.readString(file, StandardCharsets.US_ASCII).strip();
    }

    static Path fileFor(String db) {
        String path = db.startsWith("jdbc:sqlite:") ? db.substring("jdbc:sqlite:".length()) : db;
        int query = path.indexOf('?');
        return Path.of((query >= 0 ? path.substring(0, query) : path) + ".jwt-secret");
    }
}
