package dev.zena.realtime.http;

import dev.zena.realtime.handshake.Refusal;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answers a refused WebSocket handshake as a plain HTTP answer with the SPEC §6 error body ({@link HttpErrors}), for
 * every WebSocket endpoint: the WebSocket endpoints' upgrade, served in front of Javalin, has no exception mapper,
 * and Javalin drops the body of an exception thrown before an upgrade, so the answer is written and committed by the
 * server that refused (through {@link #answer}, or {@link #write} for the servlet API).
 */
public final class UpgradeRefusal {

    private final HttpErrors errors;

    /** Built once per server. */
    public UpgradeRefusal(HttpErrors errors) {
        this.errors = errors;
    }

    /**
     * The answer to a refused handshake: its status, its headers in the order they are written (the refusal's own,
     * {@code Content-Type}, then {@code Retry-After} when the refusal has one) and its body.
     */
    public record Answer(int status, Map<String, String> headers, byte[] body) {}

    /** Called when a check of {@code handshake} or of an endpoint refused a handshake: the answer to write. */
    public Answer answer(Refusal refusal) {
        return answer(
                refusal.status(),
                refusal.code(),
                refusal.getMessage(),
                refusal.field(),
                refusal.retryAfterSeconds(),
                refusal.headers());
    }

    /** As {@link #answer(Refusal)}, written and committed through the servlet API. */
    public void write(HttpServletResponse response, Refusal refusal) {
        write(response, answer(refusal));
    }

    /** As {@link #write(HttpServletResponse, Refusal)}, for the admin feed's own refusals (401, 403, 429). */
    void write(HttpServletResponse response, ApiException refusal) {
        write(
                response,
                answer(
                        refusal.status(),
                        refusal.code(),
                        refusal.getMessage(),
                        refusal.field(),
                        refusal.retryAfterSeconds(),
                        Map.of()));
    }

    private Answer answer(
            int status, String code, String message, String field, Long retryAfterSeconds, Map<String, String> own) {
        Map<String, String> headers = new LinkedHashMap<>(own);
        headers.put("Content-Type", "application/json");
        if (retryAfterSeconds != null) {
            headers.put("Retry-After", Long.toString(retryAfterSeconds));
        }
        return new Answer(
                status, headers, errors.body(status, code, message, field).getBytes(StandardCharsets.UTF_8));
    }

    private static void write(HttpServletResponse response, Answer answer) {
        try {
            answer.headers().forEach(response::setHeader);
            response.setStatus(answer.status());
            response.setContentLength(answer.body().length);
            response.getOutputStream().write(answer.body());
            response.flushBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
