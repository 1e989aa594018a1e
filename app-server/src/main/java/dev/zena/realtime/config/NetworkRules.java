package dev.zena.realtime.config;

import static dev.zena.realtime.config.Settings.ALLOWED_ORIGINS;
import static dev.zena.realtime.config.Settings.CORS_ALLOWED_ORIGINS;
import static dev.zena.realtime.config.Settings.CORS_ALLOW_CREDENTIALS;
import static dev.zena.realtime.config.Settings.TRUSTED_PROXIES;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/** Validates the address lists: trusted proxies are IP literals or CIDRs; origins are {@code scheme://host[:port]}. */
final class NetworkRules {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern ORIGIN = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^/\\s?#]+");

    private NetworkRules() {}

    /** Called by the binder for {@code trusted_proxies}. */
    static List<String> trustedProxies(Values v) throws ConfigException {
        List<String> entries = v.list(TRUSTED_PROXIES);
        for (String entry : entries) {
            if (!isAddressOrCidr(entry)) {
                throw ConfigException.of(
                        TRUSTED_PROXIES,
                        "'" + entry + "' is not an IP address or CIDR " + "(e.g. 10.0.0.1, 10.0.0.0/8, ::1, fd00::/8)");
            }
        }
        return entries;
    }

    /** Called by the binder for {@code allowed_origins}. */
    static List<String> allowedOrigins(Values v) throws ConfigException {
        List<String> entries = v.list(ALLOWED_ORIGINS);
        for (String entry : entries) {
            if (!ORIGIN.matcher(entry).matches()) {
                throw ConfigException.of(
                        ALLOWED_ORIGINS,
                        "'" + entry + "' is not an origin "
                                + "(scheme://host[:port] without path, e.g. https://app.example.com)");
            }
        }
        return entries;
    }

    /** Called by the binder for {@code cors.allowed_origins} and {@code cors.allow_credentials}. */
    static CorsConfig cors(Values v) throws ConfigException {
        List<String> entries = v.list(CORS_ALLOWED_ORIGINS);
        String credentials = v.required(CORS_ALLOW_CREDENTIALS).strip().toLowerCase(java.util.Locale.ROOT);
        if (!credentials.equals("true") && !credentials.equals("false")) {
            throw ConfigException.of(
                    CORS_ALLOW_CREDENTIALS, "must be true or false, got '" + v.optional(CORS_ALLOW_CREDENTIALS) + "'");
        }
        boolean allowsCredentials = credentials.equals("true");
        if (entries.contains(CorsConfig.ANY)) {
            if (entries.size() > 1) {
                throw ConfigException.of(
                        CORS_ALLOWED_ORIGINS,
                        "'*' admits any origin and stands alone; " + "list origins or give '*', not both");
            }
            if (allowsCredentials) {
                throw ConfigException.of(
                        CORS_ALLOWED_ORIGINS,
                        "'*' is refused with cors.allow_credentials: true "
                                + "(any site could act with the user's cookies); list the origins instead");
            }
        }
        for (String entry : entries) {
            if (!entry.equals(CorsConfig.ANY) && !ORIGIN.matcher(entry).matches()) {
                throw ConfigException.of(
                        CORS_ALLOWED_ORIGINS,
                        "'" + entry + "' is not an origin "
                                + "(scheme://host[:port] without path, e.g. https://app.example.com), nor '*'");
            }
        }
        return new CorsConfig(entries, allowsCredentials);
    }

    private static boolean isAddressOrCidr(String entry) {
        int slash = entry.indexOf('/');
        String address = slash < 0 ? entry : entry.substring(0, slash);
        // Only literals reach InetAddress, which would otherwise try DNS: a valid dotted quad, or a ':' (IPv6).
        if (!isDottedQuad(address) && !address.contains(":")) {
            return false;
        }
        try {
            int bits = InetAddress.getByName(address).getAddress().length * 8;
            return slash < 0 || isPrefix(entry.substring(slash + 1), bits);
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean isDottedQuad(String address) {
        return IPV4.matcher(address).matches()
                && java.util.Arrays.stream(address.split("\\.")).allMatch(octet -> Integer.parseInt(octet) <= 255);
    }

    private static boolean isPrefix(String text, int maxBits) {
        if (!text.matches("\\d{1,3}")) {
            return false;
        }
        int bits = Integer.parseInt(text);
        return bits <= maxBits;
    }
}
