package dev.zena.realtime.cli;

import dev.zena.realtime.config.JwtConfig;
import dev.zena.realtime.config.ServerConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The JWT secret of a local demo: the configured one when there is one, else a random secret kept beside the
 * store in {@code <db>.jwt-secret} (mode 0600) so that {@code token} run from another shell signs tokens the
 * demo server accepts.
 */
final class DemoSecret {

    private DemoSecret() {
    }

    /** Called by {@code serve --demo}: the configured key, or the kept secret, generated on first use. */
    static JwtConfig ensure(ServerConfig config) {
        if (config.jwt().hasVerificationKey()) {
            return config.jwt();
        }
        Path file = fileFor(config.db());
        try {
            if (!Files.exists(file)) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                Path parent = file.toAbsolutePath().getParent();
                Files.createDirectories(parent);
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, HexFormat.of().formatHex(random), StandardCharsets.US_ASCII);
            }
            return config.jwt().withSecret(Files.readString(file, StandardCharsets.US_ASCII).strip());
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
            return config.jwt().withSecret(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the demo secret in " + file, e);
        }
    }

    static Path fileFor(String db) {
        String path = db.startsWith("jdbc:sqlite:") ? db.substring("jdbc:sqlite:".length()) : db;
        int query = path.indexOf('?');
        return Path.of((query >= 0 ? path.substring(0, query) : path) + ".jwt-secret");
    }
}
