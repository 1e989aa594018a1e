package dev.zena.realtime.http;

import io.javalin.config.RoutesConfig;

/** A group of routes of one concern (the App API, the publish API, health...), handed built to {@link HttpServer}. */
@FunctionalInterface
public interface RouteGroup {

    /** Called once at start-up, while Javalin is configured, with the routes being configured. */
    void register(RoutesConfig routes);
}
