package dev.zena.realtime.cli;

import dev.zena.realtime.config.UrlPasswords;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Says which store a command used and how to put data in it, for the operator whose command found an empty one
 * (a fresh install, or a relative {@code db} resolved from another working directory).
 */
final class StoreWhereabouts {

    private StoreWhereabouts() {}

    /** Whether the store's database exists before it is opened; a database server's is taken as existing. */
    static boolean exists(String db) {
        String file = sqliteFile(db);
        return file == null || Files.exists(Path.of(file));
    }

    /** The store as an operator finds it: a SQLite file's absolute path, or the URL with its password masked. */
    static String where(String db) {
        String file = sqliteFile(db);
        return file == null
                ? UrlPasswords.mask(db)
                : Path.of(file).toAbsolutePath().normalize().toString();
    }

    /** The message of a command refused because the store holds no tenant. */
    static String emptyStoreMessage(String db, boolean existed, String dbOrigin, Path configFile) {
        StringBuilder text = new StringBuilder("the store ")
                .append(where(db))
                .append(existed ? " holds no tenant and no user" : " did not exist; an empty one was just created")
                .append(".\n  It is the setting db = ")
                .append(UrlPasswords.mask(db))
                .append(" (from ")
                .append(describe(dbOrigin))
                .append("), configuration file: ")
                .append(configFile == null ? "none (no --config, no " + ConfigOptions.CONFIG_ENV + ")" : configFile)
                .append(".\n  If the server uses another store, give the same --config (or ")
                .append(ConfigOptions.CONFIG_ENV)
                .append(") and WEBSOCKET_DB it runs with")
                .append(" (installed: set -a; . /etc/zena/zena.env; set +a).")
                .append(
                        "\n  To create a first admin: zena-server init --tenant ID --tenant-name NAME --admin ID --name NAME")
                .append(" --email EMAIL\n  or load a document: zena-server import FILE (docs/import-format.md).");
        return text.toString();
    }

    private static String describe(String origin) {
        return switch (origin) {
            case "default" ->
                "the default, relative to the working directory " + Path.of("").toAbsolutePath();
            case "env" -> "the environment, WEBSOCKET_DB";
            case "file" -> "the configuration file";
            case "flag" -> "a command-line flag";
            default -> origin;
        };
    }

    /** The file path of a SQLite store, or null for a database server. */
    private static String sqliteFile(String db) {
        if (db.startsWith("jdbc:") && !db.startsWith("jdbc:sqlite:")) {
            return null;
        }
        String path = db.startsWith("jdbc:sqlite:") ? db.substring("jdbc:sqlite:".length()) : db;
        int query = path.indexOf('?');
        return query >= 0 ? path.substring(0, query) : path;
    }
}
