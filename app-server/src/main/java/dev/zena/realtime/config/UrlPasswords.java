package dev.zena.realtime.config;

import java.util.regex.Pattern;

/**
 * Hides a password written inside a URL-valued setting — a {@code password=} (or {@code sslpassword=}) query
 * parameter, or {@code user:password@} before the host — so that printing the setting ({@code config print}, a
 * logged configuration) never shows it, whatever the setting is.
 */
public final class UrlPasswords {
    private static final Pattern QUERY = Pattern.compile("([?&;][A-Za-z_]*password=)[^&;#]*", Pattern.CASE_INSENSITIVE);
    private static final Pattern USER_INFO = Pattern.compile("(://[^/?#@:]*:)[^/?#@]*@");

    private UrlPasswords() {}

    /** The text with every such password replaced by {@code ****}; other text unchanged. Called wherever a store URL is printed. */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        return USER_INFO.matcher(QUERY.matcher(text).replaceAll("$1****")).replaceAll("$1****@");
    }
}
