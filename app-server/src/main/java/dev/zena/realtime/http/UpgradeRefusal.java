package dev.zena.realtime.http;

import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Refuses a WebSocket handshake with a plain HTTP answer and the SPEC §6 error body. Javalin drops the body of
 * an exception thrown before an upgrade, so the answer is written and committed here; the exception returned
 * to the caller (to throw) then only stops the upgrade.
 */
public final class UpgradeRefusal {

    private final HttpErrors errors;

    UpgradeRefusal(HttpErrors errors) {
        this.errors = errors;
    }

    /** Writes the refusal to the client and returns the exception that aborts the upgrade. */
    ApiException refuse(Context ctx, ApiException refusal) {
        write(ctx.res(), refusal);
        return refusal;
    }

    /** Writes and commits the refusal (the {@code /ws} upgrade, served below Javalin, has no exception to throw). */
    public void write(HttpServletResponse response, ApiException refusal) {
        byte[] body = errors.body(refusal.status(), refusal.code(), refusal.getMessage(), refusal.field())
                .getBytes(StandardCharsets.UTF_8);
        try {
            response.setStatus(refusal.status());
            response.setContentType("application/json");
            if (refusal.retryAfterSeconds() != null) {
                response.setHeader("Retry-After", Long.toString(refusal.retryAfterSeconds()));
            }
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            response.flushBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
