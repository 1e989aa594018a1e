package dev.zena.realtime.pusher;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a Pusher HTTP API request the way pusher-http-php and pusher-http-node do, written here from Pusher's
 * documentation (independently of the server's {@code PusherSignature}): {@code auth_key}, {@code auth_timestamp},
 * {@code auth_version=1.0}, {@code body_md5}, and {@code auth_signature} = HMAC-SHA256 over
 * {@code METHOD\npath\nsorted k=v&...}.
 */
final class PusherHttpSigner {

    private PusherHttpSigner() {}

    /** The query string of a signed request. */
    static String query(String method, String path, byte[] body, long timestamp, String key, String secret)
            throws Exception {
        Map<String, String> params = new TreeMap<>();
        params.put("auth_key", key);
        params.put("auth_timestamp", Long.toString(timestamp));
        params.put("auth_version", "1.0");
        if (body != null) {
            params.put(
                    "body_md5",
                    HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body)));
        }
        String sorted = params.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = HexFormat.of()
                .formatHex(mac.doFinal((method + "\n" + path + "\n" + sorted).getBytes(StandardCharsets.UTF_8)));
        return params.entrySet().stream()
                        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"))
                + "&auth_signature=" + signature;
    }
}
