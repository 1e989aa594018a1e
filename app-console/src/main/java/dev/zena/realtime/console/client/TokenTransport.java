package dev.zena.realtime.console.client;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the admin token would travel to a server, decided from the address alone. No name is looked up: a host name
 * that merely resolves to 127.0.0.1 counts as remote, and an odd spelling of a loopback address ({@code 127.1},
 * {@code 0177.0.0.1}) too — asking once too often is harmless, sending a token in clear text is not.
 */
public enum TokenTransport {

    /** {@code https}: encrypted on the way. */
    TLS,
    /** {@code http} to {@code localhost}, {@code 127.0.0.0/8} or {@code ::1}: never leaves the machine. */
    LOOPBACK,
    /** {@code http} to any other host: readable and replayable by anyone on the path. */
    PLAIN_REMOTE;

    private static final Pattern IPV4 =
            Pattern.compile("(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})" + "\\.(0|[1-9]\\d{0,2})");

    /** Called before a client is built for {@code server}, and by every check that decides whether to ask. */
    public static TokenTransport of(ServerAddress server) {
        if (server.isTls()) {
            return TLS;
        }
        return isLoopback(server.host()) ? LOOPBACK : PLAIN_REMOTE;
    }

    /** As {@link #of(ServerAddress)}, for an address built elsewhere. */
    public static TokenTransport of(URI server) {
        return of(ServerAddress.of(server));
    }

    /** True when a token may go only with the user's explicit consent. */
    public boolean needsConsent() {
        return switch (this) {
            case TLS, LOOPBACK -> false;
            case PLAIN_REMOTE -> true;
        };
    }

    /** The question the console asks before the first request that would carry the token to {@code server}. */
    public static String question(ServerAddress server) {
        return "The admin token would be sent unencrypted to " + server.host() + ". Continue?";
    }

    static boolean isLoopback(String host) {
        if (host.equals("localhost")) {
            return true;
        }
        Matcher v4 = IPV4.matcher(host);
        if (v4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(v4.group(i)) > 255) {
                    return false;
                }
            }
            return v4.group(1).equals("127");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            try {
                // a bracketed literal is parsed, never looked up
                return InetAddress.getByName(host).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }
}
