package dev.zena.realtime.handshake;

import dev.zena.realtime.protocol.ErrorCode;
import java.util.Base64;
import java.util.Map;

/**
 * RFC 6455's checks of an upgrade's own headers, the same on every WebSocket endpoint: a {@code Sec-WebSocket-Version}
 * other than 13 is refused with 426 and {@code Sec-WebSocket-Version: 13} (§4.4), then a {@code Sec-WebSocket-Key}
 * that is not the base64 of 16 bytes with 400 (§4.2.1). Thread-safe.
 */
public final class UpgradeHeaders {

    /** The error code of a handshake refused with 426 for its {@code Sec-WebSocket-Version}. */
    static final String UPGRADE_REQUIRED = "UPGRADE_REQUIRED";
    /** The only WebSocket version there is (RFC 6455 §4.1); named to the client by a 426. */
    static final String VERSION = "13";

    private static final String KEY_HEADER = "Sec-WebSocket-Key";
    private static final String VERSION_HEADER = "Sec-WebSocket-Version";
    /** RFC 9110 §15.5.22: a 426 names the protocol to upgrade to. */
    private static final Map<String, String> UPGRADE_TO_13 =
            Map.of(VERSION_HEADER, VERSION, "Upgrade", "websocket", "Connection", "Upgrade");

    private final AddressGuard addresses;

    /** Built once per server; refusals are logged and counted by {@code addresses}. */
    public UpgradeHeaders(AddressGuard addresses) {
        this.addresses = addresses;
    }

    /** A {@code GET} whose {@code Upgrade} header lists {@code websocket} (RFC 6455 §4.2.1 items 1 and 3). */
    public static boolean isWebSocketUpgrade(String method, String upgrade) {
        if (upgrade == null || !"GET".equals(method)) {
            return false;
        }
        for (String protocol : upgrade.split(",")) {
            if ("websocket".equalsIgnoreCase(protocol.strip())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Called before every WebSocket upgrade ({@code /ws} and the admin feed), before the checks of the endpoint.
     * Throws the refusal (426 for the version, then 400 for the key); returns when both are right.
     */
    public void check(UpgradeRequest request) throws Refusal {
        if (!VERSION.equals(request.header(VERSION_HEADER))) {
            throw addresses.refuse(
                    addresses.resolve(request),
                    request.path(),
                    "version",
                    new Refusal(
                            426,
                            UPGRADE_REQUIRED,
                            "Unsupported WebSocket version: send Sec-WebSocket-Version: 13",
                            VERSION_HEADER,
                            null,
                            UPGRADE_TO_13));
        }
        if (!isKey(request.header(KEY_HEADER))) {
            throw addresses.refuse(
                    addresses.resolve(request),
                    request.path(),
                    "key",
                    new Refusal(
                            400,
                            ErrorCode.INVALID_MESSAGE.name(),
                            "Sec-WebSocket-Key must be the base64 of 16 bytes",
                            KEY_HEADER,
                            null));
        }
    }

    /** RFC 6455 §4.2.1: the key is the base64 of 16 bytes, so 24 characters (the last two padding). */
    static boolean isKey(String key) {
        if (key == null || key.length() != 24) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
