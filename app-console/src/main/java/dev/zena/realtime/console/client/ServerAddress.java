package dev.zena.realtime.console.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A server's base address as the console uses, shows and remembers it: {@code http} or {@code https}, host and
 * port, nothing else. A user name and password ({@code user:pass@}) are dropped, never refused: the admin API
 * authenticates with a bearer token, so userinfo would only end up in the recent-servers file, the title bar and
 * logs; {@link #hadUserInfo} lets the caller say so. A path, query or fragment is dropped too (the admin API lives
 * at the root). Messages about a bad address never repeat the userinfo.
 *
 * @param uri          {@code scheme://host[:port]}, scheme and host in lower case
 * @param hadUserInfo  true when the text carried {@code user[:pass]@}, which was dropped
 */
public record ServerAddress(URI uri, boolean hadUserInfo) {

    /** What the console says when it dropped userinfo; names neither the user nor the password. */
    public static final String USER_INFO_NOTICE = "The user name and password in the server address were removed: "
            + "the console never stores or sends them. The admin token goes in a token file (--token-file), "
            + "the ZENA_CONSOLE_TOKEN variable or the connect dialog's Token field.";

    /**
     * Called with an address typed by the user or read from the recent-servers file; {@code host:port} alone means
     * {@code http://host:port}. Throws {@link IllegalArgumentException} with a message fit for the user.
     */
    public static ServerAddress parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("The server address is empty; it must look like http://host:port");
        }
        String trimmed = text.strip();
        String withScheme = trimmed.contains("://") ? trimmed : "http://" + trimmed;
        URI uri;
        try {
            uri = new URI(withScheme);
        } catch (URISyntaxException e) {
            // the exception's own message quotes the whole input, userinfo included
            throw new IllegalArgumentException("The server address " + redact(trimmed) + " is not an address ("
                    + e.getReason() + "); it must look like http://host:port");
        }
        return of(uri, trimmed);
    }

    /** Called with an address built elsewhere (the embedded server's, a client's): the same rules as {@link #parse}. */
    public static ServerAddress of(URI uri) {
        return of(uri, uri.toString());
    }

    /** The address as shown and stored: {@code scheme://host[:port]}. */
    @Override
    public String toString() {
        return uri.toString();
    }

    /** The host as the user would name it: {@code zena.internal}, {@code 10.0.0.7}, {@code [::1]}. */
    public String host() {
        return uri.getHost();
    }

    /** True for {@code https}: the token travels encrypted. */
    public boolean isTls() {
        return uri.getScheme().equals("https");
    }

    /**
     * {@code text} with any {@code user[:pass]@} replaced by {@code ***@}, for messages and logs; also used on text
     * that is not an address at all.
     */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        int scheme = text.indexOf("://");
        int start = scheme < 0 ? 0 : scheme + 3;
        int end = start;
        while (end < text.length() && "/?#".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        int at = text.lastIndexOf('@', end - 1);
        return at < start ? text : text.substring(0, start) + "***" + text.substring(at);
    }

    private static ServerAddress of(URI uri, String textForMessages) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("The server address must look like http://host:port or "
                    + "https://host:port, not " + redact(textForMessages));
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        return new ServerAddress(URI.create(scheme + "://" + host + port), uri.getRawUserInfo() != null);
    }
}
