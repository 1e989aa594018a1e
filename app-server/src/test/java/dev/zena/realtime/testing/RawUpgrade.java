package dev.zena.realtime.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A WebSocket upgrade request written by hand on a plain socket, to read a refusal's status, headers and body
 * exactly as a browser would receive them (the JDK client hides the body).
 */
public final class RawUpgrade {

    /** The status code, the raw head and the body of the server's answer. */
    public record Answer(int status, String head, String body) {}

    /** The key of RFC 6455's example handshake: the base64 of 16 bytes. */
    public static final String GOOD_KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    private RawUpgrade() {}

    /** Sends an upgrade of {@code pathAndQuery} with extra headers and reads the answer until the server closes. */
    public static Answer send(int port, String pathAndQuery, Map<String, String> headers) {
        return send(port, pathAndQuery, GOOD_KEY, "13", headers);
    }

    /**
     * Sends an upgrade of {@code pathAndQuery} with this {@code Sec-WebSocket-Key} and {@code Sec-WebSocket-Version}
     * (null: the header is left out; "" is sent as an empty value) and extra headers, and reads the answer: a 101's
     * head, or a refusal's head and body.
     */
    public static Answer send(int port, String pathAndQuery, String key, String version, Map<String, String> headers) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            StringBuilder request = new StringBuilder("GET " + pathAndQuery + " HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:")
                    .append(port)
                    .append("\r\n")
                    .append("Upgrade: websocket\r\nConnection: Upgrade\r\n");
            if (key != null) {
                request.append("Sec-WebSocket-Key: ").append(key).append("\r\n");
            }
            if (version != null) {
                request.append("Sec-WebSocket-Version: ").append(version).append("\r\n");
            }
            headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
            request.append("Connection: close\r\n\r\n");
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            String raw = readAll(socket.getInputStream());
            int split = raw.indexOf("\r\n\r\n");
            String head = split < 0 ? raw : raw.substring(0, split);
            String body = split < 0 ? "" : raw.substring(split + 4);
            int status = Integer.parseInt(head.substring(9, 12));
            return new Answer(status, head, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                if (out.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")
                        && (isUpgraded(out) || hasWholeBody(out))) {
                    break;
                }
            }
        } catch (java.net.SocketTimeoutException e) {
            // the server kept the connection open: what arrived is the answer
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** An accepted upgrade has no body, and the socket it opens may stream frames that never let a read time out. */
    private static boolean isUpgraded(ByteArrayOutputStream out) {
        return out.toString(StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 101");
    }

    private static boolean hasWholeBody(ByteArrayOutputStream out) {
        String text = out.toString(StandardCharsets.ISO_8859_1);
        int split = text.indexOf("\r\n\r\n");
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(text.substring(0, split));
        return m.find() && text.length() - split - 4 >= Integer.parseInt(m.group(1));
    }
}
