package dev.zena.realtime.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code GET /debug}: the debug page of SPEC §13 and its files ({@code /debug/<file>}), served from the server's own
 * resources ({@code debug/} on the class path: the page, its script and style, and a copy of the compiled
 * {@code @zena/realtime-client}). Registered only when {@code debug_page} is on. Every asset is this server's: the
 * content security policy forbids any other origin, so the page works offline and leaks nothing.
 */
public final class DebugPage implements RouteGroup {

    /** Where the page lives on the class path. */
    static final String RESOURCES = "/debug/";

    private static final Pattern FILE = Pattern.compile("[a-z0-9-]+(/[a-z0-9-]+)*\\.(html|js|css)");
    private static final Map<String, String> TYPES = Map.of(
            "html",
            "text/html; charset=utf-8",
            "js",
            "text/javascript; charset=utf-8",
            "css",
            "text/css; charset=utf-8");
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/debug", ctx -> serve(ctx, "index.html"));
        routes.get("/debug/<file>", ctx -> serve(ctx, ctx.pathParam("file")));
    }

    /** Called per request: the named file of the page, or 404 for anything else (no directory walking). */
    private static void serve(Context ctx, String file) {
        if (!FILE.matcher(file).matches()) {
            throw new ApiException(404, "NOT_FOUND", "No such file of the debug page", null, null);
        }
        byte[] body = read(file);
        if (body == null) {
            throw new ApiException(404, "NOT_FOUND", "No such file of the debug page", null, null);
        }
        ctx.status(200);
        ctx.header("Content-Type", TYPES.get(file.substring(file.lastIndexOf('.') + 1)));
        ctx.header("Content-Security-Policy", POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "no-store");
        ctx.result(body);
    }

    private static byte[] read(String file) {
        try (InputStream in = DebugPage.class.getResourceAsStream(RESOURCES + file)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
