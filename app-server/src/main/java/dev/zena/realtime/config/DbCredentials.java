package dev.zena.realtime.config;

/**
 * How a store on a database server logs in ({@code db.user}, {@code db.password}); both null when unset, and
 * ignored by SQLite. The password is a secret: masked by {@code config print} and by {@link #toString()}.
 */
public record DbCredentials(String user, String password) {

    /** Masks the password, so that logging a configuration never leaks it. */
    @Override
    public String toString() {
        return "DbCredentials[user=" + user + ", password=" + ServerConfig.mask(password) + "]";
    }
}
