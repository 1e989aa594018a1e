/**
 * The HTTP server on Javalin: the routes' shell, the JSON error mapping in one place, REST authentication, health
 * and metrics routes, and the mount of the admin API.
 */
package dev.zena.realtime.http;
