package dev.zena.realtime.store;

import dev.zena.realtime.log.LogText;
import java.time.Clock;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way to open a {@link Store} from the {@code db} setting, choosing the implementation by the kind of
 * URL: a file path, a {@code file:} URI or a {@code jdbc:sqlite:} URL is a {@link SqliteStore}; a
 * {@code jdbc:postgresql:} URL is a {@link PostgresStore}, logging in with the {@code db.user} and
 * {@code db.password} settings. Anything else that starts with a URL scheme — another {@code jdbc:} driver,
 * {@code postgres://}, {@code redis://}, {@code http://} — is refused with a {@link StoreException} naming what is
 * supported, and is never read as a file name (SPEC §11). A one-letter scheme is a Windows drive
 * ({@code C:\data\zena.db}).
 */
public final class Stores {

    /** Said in every refusal; one line, because the command line prints it as its error. */
    static final String SUPPORTED = "supported: a SQLite file path, a jdbc:sqlite: URL or a jdbc:postgresql: URL";

    /** A URL scheme of two characters or more, then, for {@code jdbc:}, the driver's sub-protocol. */
    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]+):(?:([A-Za-z][A-Za-z0-9+.-]*):)?");

    private static final String SQLITE = "jdbc:sqlite:";
    private static final String FILE = "file:";

    private Stores() {}

    /** Opens with the system clock and no credentials but the URL's (tests, tools). */
    public static Store open(String db) {
        return open(db, null, null, Clock.systemUTC());
    }

    /** Opens with no credentials but the URL's; {@code clock} decides when a revocation has expired. */
    public static Store open(String db, Clock clock) {
        return open(db, null, null, clock);
    }

    /**
     * Called at start-up by every command: opens the store {@code db} names, creating and migrating it when needed.
     * {@code user} and {@code password} (the {@code db.user} and {@code db.password} settings, each null when
     * unset) log in to a database server and are ignored by SQLite; {@code clock} decides when a revocation has
     * expired. Throws {@link StoreException} for a kind of URL this build does not support; the message names the
     * scheme only, never the rest of the URL (it may hold a password).
     */
    public static Store open(String db, String user, String password, Clock clock) {
        String text = db == null ? "" : db.strip();
        Matcher url = SCHEME.matcher(text);
        if (!url.lookingAt()) {
            return SqliteStore.open(db, clock);
        }
        String scheme = url.group(1).toLowerCase(Locale.ROOT);
        String driver = url.group(2) == null ? "" : url.group(2).toLowerCase(Locale.ROOT);
        if (scheme.equals("file")) {
            return SqliteStore.open(FILE + text.substring(FILE.length()), clock);
        }
        if (scheme.equals("jdbc") && driver.equals("sqlite")) {
            return SqliteStore.open(SQLITE + text.substring(SQLITE.length()), clock);
        }
        if (scheme.equals("jdbc") && driver.equals("postgresql")) {
            return PostgresStore.open(text, user, password, clock);
        }
        String kind = scheme.equals("jdbc") && !driver.isEmpty() ? "jdbc:" + driver + ":" : scheme + ":";
        throw new StoreException("unsupported database URL kind " + LogText.of(kind)
                + " (a db value with a URL scheme is never read as a file name); " + SUPPORTED);
    }
}
