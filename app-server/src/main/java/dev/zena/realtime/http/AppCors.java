package dev.zena.realtime.http;

import dev.zena.realtime.config.CorsConfig;
import io.javalin.config.JavalinConfig;
import io.javalin.plugin.bundled.CorsPlugin;

/**
 * CORS for the App API ({@code /api/v1/app/...}): a browser page on a listed origin may call the REST twins with
 * a Bearer token. Javalin's bundled {@link CorsPlugin} answers the preflight (the requested method and headers,
 * {@code Authorization} among them, for a listed origin) and adds the headers to the answers. Nothing else (the
 * publish, admin and metrics APIs) is opened to browsers; with no origin configured nothing is added at all.
 */
public final class AppCors {

    /** The paths opened to listed origins. */
    public static final String PATH = "/api/v1/app/*";

    /** How long a browser may keep a preflight's answer, in seconds. */
    static final int PREFLIGHT_MAX_AGE_SECONDS = 600;

    private final CorsConfig config;

    /** Built from the validated {@code cors.*} settings. */
    public AppCors(CorsConfig config) {
        this.config = config;
    }

    /** Called while Javalin is configured: registers the plugin when any origin is allowed. */
    void register(JavalinConfig cfg) {
        if (!config.isEnabled()) {
            return;
        }
        cfg.registerPlugin(new CorsPlugin(cors -> cors.addRule(rule -> {
            rule.path = PATH;
            rule.maxAge = PREFLIGHT_MAX_AGE_SECONDS;
            rule.allowCredentials = config.allowsCredentials();
            // The ETag lets a page revalidate a twin; Retry-After says when a 429 ends.
            rule.exposeHeader("ETag");
            rule.exposeHeader("Retry-After");
            if (config.isAnyOrigin()) {
                rule.anyHost();
            } else {
                config.allowedOrigins().forEach(origin -> rule.allowHost(origin));
            }
        })));
    }
}
