package dev.zena.realtime.store;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A {@code jdbc:postgresql:} URL taken apart so that no secret travels in it: {@code user} and {@code password}
 * query parameters are lifted out (the {@code db.user} / {@code db.password} settings win over them), the URL
 * handed to the driver, the pool and Flyway carries neither, and {@link #shown()} — what logs and errors may
 * print — drops the whole query. {@link #toString()} masks the password.
 *
 * @param jdbcUrl  the URL without credentials, its {@code jdbc:postgresql:} prefix in lower case
 * @param shown    scheme, host, port and database only
 * @param user     the user to log in as; null lets the driver choose (the operating-system user)
 * @param password null when none is configured
 */
record PostgresUrl(String jdbcUrl, String shown, String user, String password) {

    static final String PREFIX = "jdbc:postgresql:";
    private static final String APPLICATION_NAME = "zena-realtime";

    /** Called by {@link PostgresStore#open}: the URL of {@code db} with the configured credentials. */
    static PostgresUrl parse(String db, String configuredUser, String configuredPassword) {
        String text = db == null ? "" : db.strip();
        if (!text.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw new StoreException("not a " + PREFIX + " URL");
        }
        String rest = text.substring(PREFIX.length());
        int query = rest.indexOf('?');
        String location = query < 0 ? rest : rest.substring(0, query);
        if (authority(location).contains("@")) {
            throw new StoreException("a " + PREFIX + " URL with user:password@ is not supported; set db.user and "
                    + "db.password (WEBSOCKET_DB_USER, WEBSOCKET_DB_PASSWORD)");
        }
        List<String> kept = new ArrayList<>();
        String user = null;
        String password = null;
        for (String parameter :
                query < 0 ? new String[0] : rest.substring(query + 1).split("&")) {
            String name = parameter.split("=", 2)[0];
            String value = parameter.contains("=") ? decode(parameter.split("=", 2)[1]) : "";
            switch (name) {
                case "user" -> user = value;
                case "password" -> password = value;
                default -> kept.add(parameter);
            }
        }
        String shown = PREFIX + location;
        String jdbcUrl = kept.isEmpty() ? shown : shown + "?" + String.join("&", kept);
        return new PostgresUrl(jdbcUrl, shown, orElse(configuredUser, user), orElse(configuredPassword, password));
    }

    /**
     * A data source for connections of one kind: the pool's ({@code socketTimeoutSeconds} a backstop against a
     * server that stopped answering) or the listener's (short, so that a silent connection is noticed). Connecting
     * gives up after 2 s, so that a database that is down fails fast.
     */
    PGSimpleDataSource dataSource(int socketTimeoutSeconds) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        try {
            dataSource.setURL(jdbcUrl);
        } catch (IllegalArgumentException e) {
            throw new StoreException("invalid database URL " + shown);
        }
        dataSource.setUser(user);
        dataSource.setPassword(password);
        dataSource.setConnectTimeout(2);
        dataSource.setLoginTimeout(3);
        dataSource.setSocketTimeout(socketTimeoutSeconds);
        dataSource.setTcpKeepAlive(true);
        dataSource.setApplicationName(APPLICATION_NAME);
        return dataSource;
    }

    /** Masks the password: a record's default would print it. */
    @Override
    public String toString() {
        return "PostgresUrl[" + shown + ", user=" + user + ", password=" + (password == null ? "null" : "****") + "]";
    }

    private static String authority(String location) {
        if (!location.startsWith("//")) {
            return "";
        }
        int slash = location.indexOf('/', 2);
        return slash < 0 ? location.substring(2) : location.substring(2, slash);
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    private static String orElse(String configured, String fromUrl) {
        return configured != null && !configured.isEmpty() ? configured : fromUrl;
    }
}
