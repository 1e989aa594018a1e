// WebSocket client of .ci/packaging-smoke, run in source-launch mode (`java PackagingSmokeClient.java ...`) with
// the JDK only: a handshake with a bad token is refused with 401; then connect, authenticate, subscribe (granted
// and denied channels), ping; print READY and wait for the server's close, which must be 1001 when the script
// sends SIGTERM to the server. Prints PASS/FAIL lines; exit 0 only if every check passed.
//
// args: port token userId grantedChannel1,grantedChannel2,... deniedChannel closeWaitSeconds

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class PackagingSmokeClient {
    private static final Duration REPLY_WAIT = Duration.ofSeconds(10);
    private static int failures;

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String token = args[1];
        String userId = args[2];
        List<String> granted = List.of(args[3].split(","));
        String denied = args[4];
        long closeWait = Long.parseLong(args[5]);
        URI uri = URI.create("ws://127.0.0.1:" + port + "/ws");
        HttpClient http = HttpClient.newBuilder().connectTimeout(REPLY_WAIT).build();

        checkBadTokenRefused(http, URI.create(uri + "?token=not-a-valid-token"));

        Listener listener = new Listener();
        WebSocket ws = http.newWebSocketBuilder().connectTimeout(REPLY_WAIT).buildAsync(uri, listener)
                .get(REPLY_WAIT.toSeconds(), TimeUnit.SECONDS);
        String hello = listener.next();
        check("connection".equals(field(hello, "type")) && field(hello, "connection_id") != null,
                "ws open: connection message with a connection_id", hello);

        ws.sendText("{\"type\":\"authenticate\",\"id\":\"a1\",\"token\":\"" + token + "\"}", true).join();
        String auth = listener.next();
        check("authentication".equals(field(auth, "type")) && "success".equals(field(auth, "status"))
                        && userId.equals(field(auth, "user_id")) && "a1".equals(field(auth, "id")),
                "authenticate: success for " + userId + ", id echoed", auth);

        StringBuilder channels = new StringBuilder();
        for (String c : granted) {
            channels.append('"').append(c).append("\",");
        }
        channels.append('"').append(denied).append('"');
        ws.sendText("{\"type\":\"subscribe\",\"id\":2,\"channels\":[" + channels + "]}", true).join();
        String sub = listener.next();
        String grantedList = group(sub, "\"granted\"\\s*:\\s*\\[([^\\]]*)\\]");
        String deniedList = group(sub, "\"denied\"\\s*:\\s*\\[(.*)\\]");
        boolean allGranted = grantedList != null && granted.stream().allMatch(c -> grantedList.contains('"' + c + '"'));
        boolean deniedOk = deniedList != null && deniedList.contains('"' + denied + '"')
                && deniedList.matches("(?s).*\"status\"\\s*:\\s*403.*") && !grantedList.contains('"' + denied + '"');
        check("subscription".equals(field(sub, "type")) && allGranted && deniedOk,
                "subscribe: granted " + granted + ", denied " + denied + " with 403", sub);

        ws.sendText("{\"type\":\"ping\",\"id\":\"p1\"}", true).join();
        String pong = listener.next();
        check("pong".equals(field(pong, "type")) && "p1".equals(field(pong, "id")), "ping: pong with id echoed", pong);

        System.out.println("READY");
        System.out.flush();
        try {
            int code = listener.closed.get(closeWait, TimeUnit.SECONDS);
            check(code == 1001, "server shutdown closed the socket with 1001 (close code " + code + ")", "");
        } catch (java.util.concurrent.TimeoutException e) {
            check(false, "server shutdown closed the socket within " + closeWait + " s", "no close frame");
        }
        System.exit(failures == 0 ? 0 : 1);
    }

    /** A handshake carrying an invalid token must be refused before the upgrade with HTTP 401 (SPEC §2). */
    private static void checkBadTokenRefused(HttpClient http, URI uri) {
        try {
            http.newWebSocketBuilder().buildAsync(uri, new Listener()).join().abort();
            check(false, "handshake with an invalid token refused with 401", "the upgrade succeeded");
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                int status = h.getResponse().statusCode();
                check(status == 401, "handshake with an invalid token refused with 401", "status " + status);
            } else {
                check(false, "handshake with an invalid token refused with 401", String.valueOf(e.getCause()));
            }
        }
    }

    private static void check(boolean ok, String what, String detail) {
        if (ok) {
            System.out.println("PASS: " + what);
        } else {
            failures++;
            System.out.println("FAIL: " + what + (detail.isEmpty() ? "" : " -- got: " + detail));
        }
        System.out.flush();
    }

    private static String field(String json, String name) {
        if (json == null) {
            return null;
        }
        String quoted = group(json, "\"" + name + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
        return quoted != null ? quoted : group(json, "\"" + name + "\"\\s*:\\s*(-?[0-9]+)");
    }

    private static String group(String text, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(text == null ? "" : text);
        return m.find() ? m.group(1) : null;
    }

    private static final class Listener implements WebSocket.Listener {
        final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        String next() throws InterruptedException {
            String m = messages.poll(REPLY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return m == null ? "(no message within " + REPLY_WAIT.toSeconds() + " s)" : m;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete(-1);
        }
    }
}
