package dev.zena.realtime.http;

import dev.zena.realtime.handshake.Refusal;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes a refused WebSocket handshake as a plain HTTP answer with the SPEC §6 error body ({@link HttpErrors}), for
 * every WebSocket endpoint: the {@code /ws} upgrade, served below Javalin, has no exception mapper, and Javalin drops
 * the body of an exception thrown before an upgrade, so the answer is written and committed here.
 */
public final class UpgradeRefusal {

    private final HttpErrors errors;

    /** Built once per server. */
    public UpgradeRefusal(HttpErrors errors) {
        this.errors = errors;
    }

    /** Called when a check of {@code handshake} or of an endpoint refused a handshake: writes and commits the answer. */
    public void write(HttpServletResponse response, Refusal refusal) {
        answer(
                response,
                refusal.status(),
                refusal.code(),
                refusal.getMessage(),
                refusal.field(),
                refusal.retryAfterSeconds(),
                refusal.headers());
    }

    /** As {@link #write(HttpServletResponse, Refusal)}, for the admin feed's own refusals (401, 403, 429). */
    void write(HttpServletResponse response, ApiException refusal) {
        answer(
                response,
                refusal.status(),
                refusal.code(),
                refusal.getMessage(),
                refusal.field(),
                refusal.retryAfterSeconds(),
                Map.of());
    }

    private void answer(
            HttpServletResponse response,
            int status,
            String code,
            String message,
            String field,
            Long retryAfterSeconds,
            Map<String, String> headers) {
        byte[] body = errors.body(status, code, message, field).getBytes(StandardCharsets.UTF_8);
        try {
            headers.forEach(response::setHeader);
            response.setStatus(status);
            response.setContentType("application/json");
            if (retryAfterSeconds != null) {
                response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
            }
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            response.flushBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
